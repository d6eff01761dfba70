/**
 * APIService, whose table comes from kube-aggregator's registry rather than the kube printers:
 * the backing service (or Local) and the Available condition.
 */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { at, isObject, name, objects, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';

function available(o: Json): string {
  const condition = objects(at(o, 'status', 'conditions')).find((c) => c['type'] === 'Available');
  if (condition === undefined) return 'Unknown';
  const status = str(condition['status']);
  const reason = str(condition['reason']);
  if (status === 'True' || reason === '') return status;
  return `${status} (${reason})`;
}

const apiService: Printer = {
  columns: [
    nameColumn,
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    ageColumn,
  ],
  row(o, now) {
    const service = at(o, 'spec', 'service');
    const backing = isObject(service) ? `${str(service['namespace'])}/${str(service['name'])}` : 'Local';
    return { cells: [name(o), backing, available(o), age(o, now)] };
  },
};

export const apiregistrationPrinters: GroupPrinters = {
  group: 'apiregistration.k8s.io',
  kinds: { APIService: apiService },
};
