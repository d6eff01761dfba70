/** Printers of the scheduling.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { bool, int, name, str } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

const priorityClass: Printer = {
  columns: [
    nameColumn,
    column('Value', 'integer', doc.priorityClassValue),
    column('Global-Default', 'boolean', doc.priorityClassGlobalDefault),
    ageColumn,
    column('PreemptionPolicy', 'string', doc.priorityClassPreemptionPolicy),
  ],
  row(o, now) {
    return { cells: [name(o), int(o['value']), bool(o['globalDefault']), age(o, now), str(o['preemptionPolicy'])] };
  },
};

export const schedulingPrinters: GroupPrinters = {
  group: 'scheduling.k8s.io',
  kinds: { PriorityClass: priorityClass },
};
