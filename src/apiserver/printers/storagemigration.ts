/** Printers of the storagemigration.k8s.io group. */
import { column } from './columns.js';
import { doc } from './descriptions.js';
import { at, name, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

const storageVersionMigration: Printer = {
  columns: [column('Name', 'string', doc.objectMetaName), column('Resource', 'string', 'Fully qualified resource to migrate')],
  row(o) {
    const r = at(o, 'spec', 'resource');
    return { cells: [name(o), `${str(at(r, 'resource'))}.${str(at(r, 'version'))}.${str(at(r, 'group'))}`] };
  },
};

export const storagemigrationPrinters: GroupPrinters = {
  group: 'storagemigration.k8s.io',
  kinds: { StorageVersionMigration: storageVersionMigration },
};
