/** Printers of the discovery.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { listWithMore } from './format.js';
import { list, name, objects, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

function ports(value: unknown): string {
  const all = objects(value).map((p) => {
    if (typeof p['port'] === 'number') return String(Math.trunc(p['port']));
    if (typeof p['name'] === 'string') return p['name'];
    return '*';
  });
  return listWithMore(all, all.length, 3);
}

function endpoints(value: unknown): string {
  const addresses = objects(value).flatMap((e) => list(e['addresses']).map(str));
  return listWithMore(addresses, addresses.length, 3);
}

const endpointSlice: Printer = {
  columns: [
    nameColumn,
    column('AddressType', 'string', doc.endpointSliceAddressType),
    column('Ports', 'string', doc.endpointSlicePorts),
    column('Endpoints', 'string', doc.endpointSliceEndpoints),
    ageColumn,
  ],
  row(o, now) {
    return { cells: [name(o), str(o['addressType']), ports(o['ports']), endpoints(o['endpoints']), age(o, now)] };
  },
};

export const discoveryPrinters: GroupPrinters = {
  group: 'discovery.k8s.io',
  kinds: { EndpointSlice: endpointSlice },
};
