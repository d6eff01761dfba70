import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import { SYNCER_NAMES, type Feature } from './features.js';
import { parseConfig } from './load.js';
import { hostRbacRules } from './rbac.js';

const ALL = ['create', 'delete', 'patch', 'update', 'get', 'list', 'watch'];
const READ = ['get', 'list', 'watch'];
const everything: ReadonlySet<Feature> = new Set<Feature>([...SYNCER_NAMES, 'virtual-scheduler', 'multi-namespace-mode']);

function rules(text: string, supported?: ReadonlySet<Feature>) {
  return hostRbacRules(parseConfig(text, supported ? { supported } : {}).config);
}

function grants(list: readonly PolicyRule[], group: string, resource: string, verb: string): boolean {
  return list.some((r) => (r.apiGroups ?? []).includes(group) && (r.resources ?? []).includes(resource) && r.verbs.includes(verb));
}

const core = {
  apiGroups: [''],
  resources: ['configmaps', 'secrets', 'services', 'pods', 'pods/attach', 'pods/portforward', 'pods/exec', 'persistentvolumeclaims'],
  verbs: ALL,
};

describe('host RBAC', () => {
  it('default vcluster.yaml: a namespaced Role only', () => {
    assert.deepEqual(rules(''), {
      role: [
        core,
        { apiGroups: [''], resources: ['pods/status', 'pods/ephemeralcontainers'], verbs: ['patch', 'update'] },
        { apiGroups: [''], resources: ['endpoints', 'events', 'pods/log'], verbs: READ },
        { apiGroups: [''], resources: ['endpoints'], verbs: ['create', 'delete', 'patch', 'update'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ALL },
      ],
      clusterRole: [],
    });
  });

  it('default values.yaml: no pod status or ephemeral containers until asked for (seed 000)', () => {
    const legacy = rules('sync:\n  services:\n    enabled: true\n');
    assert.equal(grants(legacy.role, '', 'pods/status', 'patch'), false);
    assert.equal(grants(legacy.role, '', 'pods/ephemeralcontainers', 'patch'), false);
    const withStatus = rules('sync:\n  pods:\n    status: true\n');
    assert.equal(grants(withStatus.role, '', 'pods/status', 'patch'), true);
    assert.equal(grants(withStatus.role, '', 'pods/ephemeralcontainers', 'patch'), false);
  });

  it('no endpoints writes without endpoints sync', () => {
    const { role } = rules('sync:\n  toHost:\n    endpoints:\n      enabled: false\n    endpointSlices:\n      enabled: false\n');
    assert.equal(grants(role, '', 'endpoints', 'create'), false);
    assert.equal(grants(role, 'discovery.k8s.io', 'endpointslices', 'get'), false);
  });

  const optional: { name: string; text: string; role?: [string, string, string]; clusterRole?: [string, string, string] }[] = [
    { name: 'ingresses', text: 'sync:\n  ingresses:\n    enabled: true\n', role: ['networking.k8s.io', 'ingresses', 'create'], clusterRole: ['networking.k8s.io', 'ingressclasses', 'watch'] },
    { name: 'real nodes', text: 'sync:\n  nodes:\n    enabled: true\n', clusterRole: ['', 'nodes', 'list'] },
    { name: 'node changes', text: 'sync:\n  nodes:\n    enabled: true\n    syncNodeChanges: true\n', clusterRole: ['', 'nodes', 'patch'] },
    { name: 'persistent volumes', text: 'sync:\n  persistentvolumes:\n    enabled: true\n', clusterRole: ['', 'persistentvolumes', 'create'] },
    { name: 'storage classes', text: 'sync:\n  storageclasses:\n    enabled: true\n', clusterRole: ['storage.k8s.io', 'storageclasses', 'create'] },
    { name: 'host storage classes', text: 'sync:\n  hoststorageclasses:\n    enabled: true\n', clusterRole: ['storage.k8s.io', 'storageclasses', 'watch'] },
    { name: 'priority classes', text: 'sync:\n  priorityclasses:\n    enabled: true\n', clusterRole: ['scheduling.k8s.io', 'priorityclasses', 'create'] },
    { name: 'network policies', text: 'sync:\n  networkpolicies:\n    enabled: true\n', role: ['networking.k8s.io', 'networkpolicies', 'create'] },
    { name: 'pod disruption budgets', text: 'sync:\n  poddisruptionbudgets:\n    enabled: true\n', role: ['policy', 'poddisruptionbudgets', 'create'] },
    { name: 'service accounts', text: 'sync:\n  serviceaccounts:\n    enabled: true\n', role: ['', 'serviceaccounts', 'create'] },
    {
      name: 'volume snapshots',
      text: 'sync:\n  volumesnapshots:\n    enabled: true\n',
      role: ['snapshot.storage.k8s.io', 'volumesnapshots', 'create'],
      clusterRole: ['snapshot.storage.k8s.io', 'volumesnapshotcontents', 'create'],
    },
    { name: 'runtime classes', text: 'sync:\n  fromHost:\n    runtimeClasses:\n      enabled: true\n', clusterRole: ['node.k8s.io', 'runtimeclasses', 'list'] },
    {
      name: 'virtual scheduler',
      text: 'sync:\n  nodes:\n    enabled: true\n    enableScheduler: true\n',
      clusterRole: ['storage.k8s.io', 'csistoragecapacities', 'list'],
    },
  ];
  for (const o of optional) {
    it(`${o.name} brings its permissions${o.clusterRole ? ' and a ClusterRole' : ', still namespaced only'}`, () => {
      const got = rules(o.text, everything);
      if (o.role) assert.ok(grants(got.role, ...o.role), JSON.stringify(got.role));
      if (o.clusterRole) assert.ok(grants(got.clusterRole, ...o.clusterRole), JSON.stringify(got.clusterRole));
      else assert.deepEqual(got.clusterRole, []);
    });
  }

  it('multi-namespace mode: everything in the ClusterRole, with namespaces', () => {
    const got = rules('multiNamespaceMode:\n  enabled: true\n', everything);
    assert.deepEqual(got.role, []);
    assert.ok(grants(got.clusterRole, '', 'namespaces', 'create'));
    assert.ok(grants(got.clusterRole, '', 'pods', 'create'));
  });

  it('extra rules of generic sync are added where they belong', () => {
    const text = [
      'sync:',
      '  generic:',
      '    role:',
      '      extraRules:',
      '      - apiGroups: ["cert-manager.io"]',
      '        resources: ["certificates"]',
      '        verbs: ["get"]',
      '    clusterRole:',
      '      extraRules:',
      '      - apiGroups: ["apiextensions.k8s.io"]',
      '        resources: ["customresourcedefinitions"]',
      '        verbs: ["get", "list", "watch"]',
    ].join('\n');
    const got = rules(text);
    assert.ok(grants(got.role, 'cert-manager.io', 'certificates', 'get'));
    assert.deepEqual(got.clusterRole, [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ }]);
  });
});
