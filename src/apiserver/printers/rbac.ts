/**
 * Printers of the rbac.authorization.k8s.io group. Roles and ClusterRoles have none in kube: they
 * get the default table (Name, Created At).
 */
import { age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { name, obj, objects, str } from './json.js';
import type { GroupPrinters, Json, Printer, TableColumnDefinition } from './types.js';

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, comma-joined. */
function subjects(o: Json): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of objects(o['subjects'])) {
    switch (s['kind']) {
      case 'ServiceAccount':
        sas.push(`${str(s['namespace'])}/${str(s['name'])}`);
        break;
      case 'User':
        users.push(str(s['name']));
        break;
      case 'Group':
        groups.push(str(s['name']));
        break;
      default:
        break;
    }
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(roleRefDescription: string, what: string): Printer {
  const columns: TableColumnDefinition[] = [
    nameColumn,
    column('Role', 'string', roleRefDescription),
    ageColumn,
    wide('Users', 'string', `Users in the ${what}`),
    wide('Groups', 'string', `Groups in the ${what}`),
    wide('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`),
  ];
  return {
    columns,
    row(o, now) {
      const roleRef = obj(o['roleRef']);
      return { cells: [name(o), `${str(roleRef['kind'])}/${str(roleRef['name'])}`, age(o, now), ...subjects(o)] };
    },
  };
}

export const rbacPrinters: GroupPrinters = {
  group: 'rbac.authorization.k8s.io',
  kinds: {
    RoleBinding: bindingPrinter(doc.roleBindingRoleRef, 'roleBinding'),
    ClusterRoleBinding: bindingPrinter(doc.clusterRoleBindingRoleRef, 'clusterRoleBinding'),
  },
};
