/** Printers of the coordination.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { at, name, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

const lease: Printer = {
  columns: [nameColumn, column('Holder', 'string', doc.leaseSpecHolderIdentity), ageColumn],
  row(o, now) {
    return { cells: [name(o), str(at(o, 'spec', 'holderIdentity')), age(o, now)] };
  },
};

const leaseCandidate: Printer = {
  columns: [
    nameColumn,
    column('LeaseName', 'string', 'LeaseName is the name of the lease for which this candidate is contending. This field is immutable.'),
    // kube looks these descriptions up under keys ObjectMeta does not have, so they are empty.
    column('BinaryVersion', 'string', ''),
    column('EmulationVersion', 'string', ''),
    ageColumn,
  ],
  row(o, now) {
    return {
      cells: [
        name(o), str(at(o, 'spec', 'leaseName')), str(at(o, 'spec', 'binaryVersion')),
        str(at(o, 'spec', 'emulationVersion')), age(o, now),
      ],
    };
  },
};

export const coordinationPrinters: GroupPrinters = {
  group: 'coordination.k8s.io',
  kinds: { Lease: lease, LeaseCandidate: leaseCandidate },
};
