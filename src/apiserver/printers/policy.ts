/** Printers of the policy group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { int, name, obj } from './json.js';
import type { GroupPrinters, Printer } from './types.js';

/** `IntOrString.String()`, `N/A` when unset. */
function intOrString(value: unknown): string {
  if (typeof value === 'number') return String(Math.trunc(value));
  if (typeof value === 'string') return value;
  return 'N/A';
}

const podDisruptionBudget: Printer = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    return {
      cells: [
        name(o), intOrString(spec['minAvailable']), intOrString(spec['maxUnavailable']),
        int(obj(o['status'])['disruptionsAllowed']), age(o, now),
      ],
    };
  },
};

export const policyPrinters: GroupPrinters = {
  group: 'policy',
  kinds: { PodDisruptionBudget: podDisruptionBudget },
};
