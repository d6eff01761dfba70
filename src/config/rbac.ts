/**
 * The host RBAC a configuration needs, after upstream's chart (`chart/templates/role.yaml`,
 * `clusterrole.yaml`; v0.19 `charts/k3s/templates/rbac/*` for `sync.pods.status|ephemeralContainers`):
 * a namespaced Role in the host namespace, and a ClusterRole only when a feature needs cluster
 * scope. Extra permissions come with optional resources (seed 000).
 */
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import type { Config } from './types.js';

export interface HostRbacRules {
  /** Rules of the Role in the host namespace. */
  readonly role: readonly PolicyRule[];
  /** Rules of the ClusterRole; empty means none is needed. */
  readonly clusterRole: readonly PolicyRule[];
}

const ALL = ['create', 'delete', 'patch', 'update', 'get', 'list', 'watch'];
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'patch', 'update'];

function rule(apiGroup: string, resources: readonly string[], verbs: readonly string[]): PolicyRule {
  return { apiGroups: [apiGroup], resources: [...resources], verbs: [...verbs] };
}

function roleRules(config: Config): PolicyRule[] {
  const { sync, pods } = config;
  const rules: PolicyRule[] = [
    // The control plane's own objects (kubeconfig and config Secrets, its Service) and every
    // default syncer; upstream grants these unconditionally.
    rule('', ['configmaps', 'secrets', 'services', 'pods', 'pods/attach', 'pods/portforward', 'pods/exec', 'persistentvolumeclaims'], ALL),
  ];
  const podSubresources = [...(pods.status ? ['pods/status'] : []), ...(pods.ephemeralContainers ? ['pods/ephemeralcontainers'] : [])];
  if (sync.pods && podSubresources.length > 0) rules.push(rule('', podSubresources, ['patch', 'update']));
  rules.push(rule('', ['endpoints', 'events', 'pods/log'], READ));
  if (sync.endpoints) rules.push(rule('', ['endpoints'], WRITE));
  if (sync.endpointslices) rules.push(rule('discovery.k8s.io', ['endpointslices'], ALL));
  if (sync.ingresses) rules.push(rule('networking.k8s.io', ['ingresses'], ALL));
  if (sync.networkpolicies) rules.push(rule('networking.k8s.io', ['networkpolicies'], ALL));
  if (sync.volumesnapshots) rules.push(rule('snapshot.storage.k8s.io', ['volumesnapshots'], ALL));
  if (sync.serviceaccounts) rules.push(rule('', ['serviceaccounts'], ALL));
  if (sync.poddisruptionbudgets) rules.push(rule('policy', ['poddisruptionbudgets'], ALL));
  if (sync.resourceclaims) {
    rules.push(rule('resource.k8s.io', ['resourceclaims'], ALL), rule('resource.k8s.io', ['resourceclaims/status'], ['patch', 'update']));
  }
  if (sync.resourceclaimtemplates) rules.push(rule('resource.k8s.io', ['resourceclaimtemplates'], ALL));
  if (sync.gatewayapi) {
    rules.push(
      rule('gateway.networking.k8s.io', ['gateways', 'httproutes', 'tlsroutes', 'backendtlspolicies'], ALL),
      rule('gateway.networking.k8s.io', ['referencegrants'], READ),
    );
  }
  rules.push(...config.extraRules.role);
  return rules;
}

function nodeRules(config: Config): PolicyRule[] {
  if (!config.sync.nodes) return [];
  const rules = [rule('', ['pods', 'nodes', 'nodes/status'], READ)];
  const { byIP, byHostname } = config.networking.proxyKubelets;
  if (byIP || byHostname) rules.push(rule('', ['nodes/metrics', 'nodes/stats', 'nodes/proxy'], ['get']));
  if (config.nodes.syncBackChanges) rules.push(rule('', ['nodes', 'nodes/status'], ['update', 'patch']));
  return rules;
}

function storageRules(config: Config): PolicyRule[] {
  const { sync } = config;
  const rules: PolicyRule[] = [];
  if (config.virtualScheduler) {
    rules.push(rule('storage.k8s.io', ['storageclasses', 'csinodes', 'csidrivers', 'csistoragecapacities'], READ));
  }
  const hostReads = [
    ...(sync.hoststorageclasses ? ['storageclasses'] : []),
    ...(sync.csinodes ? ['csinodes'] : []),
    ...(sync.csidrivers ? ['csidrivers'] : []),
    ...(sync.csistoragecapacities ? ['csistoragecapacities'] : []),
  ];
  if (hostReads.length > 0) rules.push(rule('storage.k8s.io', hostReads, READ));
  if (sync.storageclasses) rules.push(rule('storage.k8s.io', ['storageclasses'], ALL));
  if (sync.persistentvolumes) rules.push(rule('', ['persistentvolumes'], ALL));
  if (sync.volumesnapshotclasses) rules.push(rule('snapshot.storage.k8s.io', ['volumesnapshotclasses'], READ));
  if (sync.volumesnapshotcontents) rules.push(rule('snapshot.storage.k8s.io', ['volumesnapshotcontents'], ALL));
  return rules;
}

function clusterRules(config: Config): PolicyRule[] {
  const { sync } = config;
  const rules = [...nodeRules(config), ...storageRules(config)];
  if (sync.ingressclasses) rules.push(rule('networking.k8s.io', ['ingressclasses'], READ));
  if (sync.runtimeclasses) rules.push(rule('node.k8s.io', ['runtimeclasses'], READ));
  if (sync.priorityclasses || sync.hostpriorityclasses) rules.push(rule('scheduling.k8s.io', ['priorityclasses'], ALL));
  if (sync.resourceclaims || sync.resourceclaimtemplates || sync.deviceclasses) {
    rules.push(rule('resource.k8s.io', ['deviceclasses'], READ));
  }
  if (sync.gatewayclasses || sync.hostgateways || sync.gatewayapi) rules.push(rule('gateway.networking.k8s.io', ['gatewayclasses'], READ));
  if (sync.hostgateways) rules.push(rule('gateway.networking.k8s.io', ['gateways'], READ));
  if (sync.gatewayclasses || sync.hostgateways || sync.gatewayapi) {
    rules.push(rule('apiextensions.k8s.io', ['customresourcedefinitions'], READ));
  }
  if (sync.hostconfigmaps || sync.hostsecrets) {
    rules.push(rule('', ['namespaces'], READ));
    const kinds = [...(sync.hostconfigmaps ? ['configmaps'] : []), ...(sync.hostsecrets ? ['secrets'] : [])];
    rules.push(rule('', kinds, READ));
  }
  if (sync.namespaces) rules.push(rule('', ['namespaces', 'serviceaccounts'], ALL));
  rules.push(...config.extraRules.clusterRole);
  return rules;
}

/**
 * The Role and ClusterRole rules the vcluster needs on the host. With namespace sync
 * (multi-namespace mode) the namespaced rules are needed in many namespaces, so they move to the
 * ClusterRole, as upstream's chart does.
 */
export function hostRbacRules(config: Config): HostRbacRules {
  const role = roleRules(config);
  const clusterRole = clusterRules(config);
  return config.sync.namespaces ? { role: [], clusterRole: [...role, ...clusterRole] } : { role, clusterRole };
}
