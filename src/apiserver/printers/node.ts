/** Printers of the node.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { name, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

const runtimeClass: Printer = {
  // kube looks the description up under a key ObjectMeta does not have, so it is empty.
  columns: [nameColumn, column('Handler', 'string', ''), ageColumn],
  row(o, now) {
    return { cells: [name(o), str(o['handler']), age(o, now)] };
  },
};

export const nodePrinters: GroupPrinters = {
  group: 'node.k8s.io',
  kinds: { RuntimeClass: runtimeClass },
};
