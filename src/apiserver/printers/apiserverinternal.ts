/** Printers of the internal.apiserver.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { listWithMore } from './format.js';
import { at, name, objects, optStr, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

const storageVersion: Printer = {
  columns: [
    nameColumn,
    column('CommonEncodingVersion', 'string', doc.storageVersionStatusCommonEncodingVersion),
    column('StorageVersions', 'string', doc.storageVersionStatusStorageVersions),
    ageColumn,
  ],
  row(o, now) {
    const versions = objects(at(o, 'status', 'storageVersions'))
      .map((v) => `${str(v['apiServerID'])}=${str(v['encodingVersion'])}`);
    return {
      cells: [
        name(o), optStr(at(o, 'status', 'commonEncodingVersion')) ?? '<unset>',
        listWithMore(versions, versions.length, 3), age(o, now),
      ],
    };
  },
};

export const apiserverinternalPrinters: GroupPrinters = {
  group: 'internal.apiserver.k8s.io',
  kinds: { StorageVersion: storageVersion },
};
