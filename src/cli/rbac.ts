// `vcluster rbac`: the host Role (and ClusterRole, only when a feature needs cluster scope) a
// configuration needs, as the manifests upstream's chart would install for it.
import { stringify } from 'yaml';
import { hostRbacRules, type ConfigFile } from '../config/index.js';
import { loadConfig } from './clusters.js';

export interface RbacRequest {
  readonly name: string;
  readonly namespace?: string;
  readonly files: readonly ConfigFile[];
  readonly sets: readonly string[];
}

/** Role, RoleBinding and, when needed, ClusterRole and ClusterRoleBinding for the vcluster's service account, as YAML. */
export function rbacManifests(req: RbacRequest): string {
  const rules = hostRbacRules(loadConfig(req).config);
  const namespace = req.namespace ?? `vcluster-${req.name}`;
  const roleName = `vc-${req.name}`;
  const subject = { kind: 'ServiceAccount', name: `vc-${req.name}`, namespace };
  const labels = { app: 'vcluster', release: req.name };
  const docs: object[] = [];
  if (rules.role.length > 0) {
    docs.push(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: roleName, namespace, labels }, rules: rules.role },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: roleName, namespace, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
        subjects: [subject],
      },
    );
  }
  if (rules.clusterRole.length > 0) {
    const clusterName = `vc-${req.name}-v-${namespace}`;
    docs.push(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: clusterName, labels }, rules: rules.clusterRole },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: clusterName, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterName },
        subjects: [subject],
      },
    );
  }
  return docs.map((d) => stringify(d)).join('---\n');
}
