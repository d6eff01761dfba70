import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors.js';
import { SUPPORTED_FEATURES, SYNCER_NAMES, type Feature, type SyncerName } from './features.js';
import { applySetFlags, loadConfigFiles, parseConfig, type ConfigOptions } from './load.js';
import { NON_FUNCTIONAL_WARNING } from './resolve.js';
import type { ParsedConfig } from './types.js';

/** Every issue of a refused configuration as `path: message`. */
function refusal(text: string, options?: ConfigOptions): string[] {
  try {
    parseConfig(text, options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.ok(error.issues.length > 0);
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected the configuration to be refused');
}

function enabled(parsed: ParsedConfig): SyncerName[] {
  return SYNCER_NAMES.filter((name) => parsed.config.sync[name]);
}

const everything: ReadonlySet<Feature> = new Set<Feature>([...SYNCER_NAMES, 'virtual-scheduler', 'multi-namespace-mode']);
const DEFAULT_SET: SyncerName[] = [
  'services',
  'configmaps',
  'secrets',
  'endpoints',
  'pods',
  'events',
  'fake-nodes',
  'fake-persistentvolumes',
  'persistentvolumeclaims',
  'endpointslices',
];

describe('defaults ("Default Enabled" column of the seeds)', () => {
  const inputs = [
    { name: 'empty file', text: '' },
    { name: 'empty mapping', text: '{}' },
    { name: 'vcluster.yaml with empty sync', text: 'sync:\n  toHost: {}\n  fromHost: {}\n' },
    { name: 'values.yaml with one default key', text: 'sync:\n  pods:\n    enabled: true\n' },
  ];
  for (const input of inputs) {
    it(`${input.name}: the default syncers and nothing else, no warnings`, () => {
      const parsed = parseConfig(input.text);
      assert.deepEqual(enabled(parsed), DEFAULT_SET);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('vcluster.yaml pod defaults, with our security default for service-account tokens', () => {
    const { config } = parseConfig('');
    assert.deepEqual(config.pods, {
      translateImage: {},
      enforceTolerations: [],
      useSecretsForSATokens: true,
      rewriteHosts: {
        enabled: true,
        initContainer: {
          image: 'mirror.gcr.io/library/alpine:3.20',
          resources: { limits: { cpu: '30m', memory: '64Mi' }, requests: { cpu: '30m', memory: '64Mi' } },
        },
      },
      ephemeralContainers: true,
      status: true,
    });
    assert.deepEqual(config.configMaps, { all: false });
    assert.deepEqual(config.secrets, { all: false });
    assert.equal(config.setOwner, true);
    assert.equal(config.networking.clusterDomain, 'cluster.local');
    assert.deepEqual(config.networking.proxyKubelets, { byHostname: true, byIP: true });
    assert.equal(config.workloadServiceAccount, undefined);
    assert.equal(config.format, 'vcluster.yaml');
  });

  it('values.yaml: ephemeral containers and status are off unless asked for (seed 000)', () => {
    const { config } = parseConfig('sync:\n  services:\n    enabled: true\n');
    assert.equal(config.format, 'values.yaml');
    assert.equal(config.pods.ephemeralContainers, false);
    assert.equal(config.pods.status, false);
    assert.equal(config.pods.useSecretsForSATokens, true);
  });

  it('the resolved configuration is read-only', () => {
    const { config } = parseConfig('');
    assert.throws(() => {
      (config.sync as Record<string, boolean>).pods = false;
    }, TypeError);
  });
});

describe('seed 000: the older values.yaml', () => {
  it('sync.services.enabled: false turns services off with the seed warning', () => {
    const parsed = parseConfig('sync:\n  services:\n    enabled: false\n');
    assert.equal(parsed.config.sync.services, false);
    assert.deepEqual(parsed.warnings, [`syncing Services is off (sync.services.enabled): ${NON_FUNCTIONAL_WARNING}`]);
  });

  it('sync all secrets and configmaps', () => {
    const { config } = parseConfig('sync:\n  secrets:\n    all: true\n  configmaps:\n    all: true\n');
    assert.deepEqual([config.secrets.all, config.configMaps.all], [true, true]);
  });

  it('extra pod options: ephemeral containers and readiness gates', () => {
    const { config } = parseConfig('sync:\n  pods:\n    enabled: true\n    ephemeralContainers: true\n    status: true\n');
    assert.deepEqual([config.pods.ephemeralContainers, config.pods.status], [true, true]);
  });

  it('sync.persistentvolumes.enabled: true is refused for now, and turns fake persistent volumes off once built', () => {
    const text = 'sync:\n  persistentvolumes:\n    enabled: true\n';
    assert.deepEqual(refusal(text), ['sync.persistentvolumes.enabled: syncing PersistentVolumes is not supported yet']);
    const { config } = parseConfig(text, { supported: everything });
    assert.deepEqual([config.sync.persistentvolumes, config.sync['fake-persistentvolumes']], [true, false]);
  });

  it('the generic sync example is refused, naming the key', () => {
    const text = [
      'sync:',
      '  generic:',
      '    clusterRole:',
      '      extraRules:',
      '      - apiGroups: ["apiextensions.k8s.io"]',
      '        resources: ["customresourcedefinitions"]',
      '        verbs: ["get", "list", "watch"]',
      '    role:',
      '      extraRules:',
      '      - apiGroups: ["cert-manager.io"]',
      '        resources: ["issuers", "certificates", "certificaterequests"]',
      '        verbs: ["create", "delete", "patch", "update", "get", "list", "watch"]',
      '    config: |-',
      '      version: v1beta1',
      '      export:',
      '      - apiVersion: cert-manager.io/v1',
      '        kind: Certificate',
      '        patches:',
      '        - op: rewriteName',
      '          path: spec.issuerRef.name',
    ].join('\n');
    assert.deepEqual(refusal(text), ['sync.generic.config: generic sync is not supported yet']);
  });

  it('an empty generic config ("---", the chart default) is not generic sync; its extra rules are kept', () => {
    const { config } = parseConfig(
      'sync:\n  generic:\n    config: "---"\n    role:\n      extraRules:\n      - apiGroups: [x]\n        resources: [y]\n        verbs: [get]\n',
    );
    assert.deepEqual(config.extraRules.role, [{ apiGroups: ['x'], resources: ['y'], verbs: ['get'] }]);
  });

  it('generic config that is not YAML is an error at its key', () => {
    assert.match(refusal('sync:\n  generic:\n    config: "a: [b"\n')[0] ?? '', /^sync\.generic\.config: invalid YAML/);
  });

  it('multi-namespace mode is refused', () => {
    assert.deepEqual(refusal('multiNamespaceMode:\n  enabled: true\n'), [
      'multiNamespaceMode.enabled: multi-namespace mode is not supported yet',
    ]);
  });

  it('every optional resource of seed 000 is refused by its key', () => {
    const optional = [
      ['ingresses', 'syncing Ingresses'],
      ['ingressclasses', 'syncing IngressClasses from the host'],
      ['nodes', 'syncing real Nodes from the host'],
      ['persistentvolumes', 'syncing PersistentVolumes'],
      ['storageclasses', 'syncing StorageClasses to the host'],
      ['hoststorageclasses', 'syncing StorageClasses from the host'],
      ['legacy-storageclasses', 'syncing StorageClasses from the host'],
      ['priorityclasses', 'syncing PriorityClasses to the host'],
      ['networkpolicies', 'syncing NetworkPolicies'],
      ['volumesnapshots', 'syncing VolumeSnapshots'],
      ['poddisruptionbudgets', 'syncing PodDisruptionBudgets'],
      ['serviceaccounts', 'syncing ServiceAccounts'],
      ['csidrivers', 'syncing CSIDrivers from the host'],
      ['csinodes', 'syncing CSINodes from the host'],
      ['csistoragecapacities', 'syncing CSIStorageCapacities from the host'],
    ] as const;
    for (const [key, what] of optional) {
      assert.deepEqual(refusal(`sync:\n  ${key}:\n    enabled: true\n`), [`sync.${key}.enabled: ${what} is not supported yet`], key);
    }
  });

  it('nodes options: the scheduler is refused; selector and kubelet IPs are read', () => {
    assert.deepEqual(refusal('sync:\n  nodes:\n    enableScheduler: true\n'), [
      'sync.nodes.enableScheduler: needs real nodes (sync.nodes.enabled must be true)',
      'sync.nodes.enableScheduler: the virtual scheduler is not supported yet',
    ]);
    const { config } = parseConfig('sync:\n  nodes:\n    nodeSelector: "a=b, c=d"\n    fakeKubeletIPs: false\n    syncAllNodes: true\n');
    assert.deepEqual(config.nodes.selectorLabels, { a: 'b', c: 'd' });
    assert.equal(config.nodes.selectorAll, true);
    assert.equal(config.networking.proxyKubelets.byIP, false);
    assert.deepEqual(refusal('sync:\n  nodes:\n    nodeSelector: "a"\n'), [
      'sync.nodes.nodeSelector: expected key=value pairs separated by commas, got "a"',
    ]);
  });
});

describe('seed 002: vcluster.yaml', () => {
  it('every pod option', () => {
    const text = [
      'sync:',
      '  toHost:',
      '    pods:',
      '      enabled: true',
      '      translateImage:',
      '        "gcr.io/my-repo": "docker.io/my-mirror"',
      '      enforceTolerations:',
      '        - "node.kubernetes.io/special=:NoSchedule"',
      '      runtimeClassName: "kata"',
      '      priorityClassName: "high-priority"',
      '      useSecretsForSATokens: false',
      '      rewriteHosts:',
      '        enabled: true',
      '        initContainer:',
      '          image:',
      '            registry: "mirror.gcr.io"',
      '            repository: library/alpine',
      '            tag: "3.20"',
    ].join('\n');
    const parsed = parseConfig(text);
    const { pods } = parsed.config;
    assert.deepEqual(pods.translateImage, { 'gcr.io/my-repo': 'docker.io/my-mirror' });
    assert.deepEqual(pods.enforceTolerations, [{ key: 'node.kubernetes.io/special', operator: 'Equal', value: '', effect: 'NoSchedule' }]);
    assert.equal(pods.runtimeClassName, 'kata');
    assert.equal(pods.priorityClassName, 'high-priority');
    assert.equal(pods.useSecretsForSATokens, false);
    assert.equal(pods.rewriteHosts.initContainer.image, 'mirror.gcr.io/library/alpine:3.20');
    assert.equal(parsed.warnings.length, 1);
    assert.match(parsed.warnings[0] ?? '', /^sync\.toHost\.pods\.useSecretsForSATokens is false: .*host pod annotations/);
  });

  it('the older string form of the rewrite-hosts image', () => {
    const { config } = parseConfig('sync:\n  toHost:\n    pods:\n      rewriteHosts:\n        initContainer:\n          image: library/alpine:3.18\n');
    assert.equal(config.pods.rewriteHosts.initContainer.image, 'library/alpine:3.18');
  });

  it('minimal production setup and the air-gapped example parse', () => {
    const minimal = [
      'sync:',
      '  toHost:',
      ...['pods', 'services', 'endpoints', 'endpointSlices', 'persistentVolumeClaims'].flatMap((k) => [`    ${k}:`, '      enabled: true']),
      '    configMaps:',
      '      enabled: true',
      '      all: false',
      '    secrets:',
      '      enabled: true',
      '      all: false',
    ].join('\n');
    assert.deepEqual(enabled(parseConfig(minimal)), DEFAULT_SET);
    const airGapped = [
      'sync:',
      '  toHost:',
      '    pods:',
      '      enabled: true',
      '      translateImage:',
      '        "gcr.io": "my-registry.internal/gcr-mirror"',
      '        "docker.io": "my-registry.internal/docker-mirror"',
      '        "quay.io": "my-registry.internal/quay-mirror"',
      '      enforceTolerations:',
      '        - "node-role.kubernetes.io/infra=:NoSchedule"',
    ].join('\n');
    const { config } = parseConfig(airGapped);
    assert.equal(Object.keys(config.pods.translateImage).length, 3);
    assert.equal(config.pods.enforceTolerations[0]?.key, 'node-role.kubernetes.io/infra');
  });

  it('the full feature setup is refused, every optional resource named', () => {
    const text = [
      'sync:',
      '  toHost:',
      ...['pods', 'services', 'ingresses', 'networkPolicies', 'podDisruptionBudgets', 'priorityClasses'].flatMap((k) => [
        `    ${k}:`,
        '      enabled: true',
      ]),
    ].join('\n');
    assert.deepEqual(refusal(text), [
      'sync.toHost.ingresses.enabled: syncing Ingresses is not supported yet',
      'sync.toHost.priorityClasses.enabled: syncing PriorityClasses to the host is not supported yet',
      'sync.toHost.networkPolicies.enabled: syncing NetworkPolicies is not supported yet',
      'sync.toHost.podDisruptionBudgets.enabled: syncing PodDisruptionBudgets is not supported yet',
    ]);
  });

  const optional: [string, string][] = [
    ['sync.toHost.storageClasses.enabled', 'syncing StorageClasses to the host'],
    ['sync.toHost.serviceAccounts.enabled', 'syncing ServiceAccounts'],
    ['sync.toHost.persistentVolumes.enabled', 'syncing PersistentVolumes'],
    ['sync.toHost.volumeSnapshots.enabled', 'syncing VolumeSnapshots'],
    ['sync.toHost.volumeSnapshotContents.enabled', 'syncing VolumeSnapshotContents'],
    ['sync.toHost.namespaces.enabled', 'syncing Namespaces to the host'],
    ['sync.toHost.resourceClaims.enabled', 'syncing ResourceClaims'],
    ['sync.toHost.resourceClaimTemplates.enabled', 'syncing ResourceClaimTemplates'],
    ['sync.toHost.gatewayApi.httpRoutes.enabled', 'syncing Gateway API resources to the host'],
    ['sync.fromHost.nodes.enabled', 'syncing real Nodes from the host'],
    ['sync.fromHost.ingressClasses.enabled', 'syncing IngressClasses from the host'],
    ['sync.fromHost.storageClasses.enabled', 'syncing StorageClasses from the host'],
    ['sync.fromHost.csiNodes.enabled', 'syncing CSINodes from the host'],
    ['sync.fromHost.runtimeClasses.enabled', 'syncing RuntimeClasses from the host'],
    ['sync.fromHost.priorityClasses.enabled', 'syncing PriorityClasses from the host'],
    ['sync.fromHost.configMaps.enabled', 'syncing ConfigMaps from the host'],
    ['sync.fromHost.secrets.enabled', 'syncing Secrets from the host'],
    ['sync.fromHost.gateways.enabled', 'syncing Gateways from the host'],
    ['sync.fromHost.deviceClasses.enabled', 'syncing DeviceClasses from the host'],
    ['experimental.genericSync.export', 'generic sync'],
    ['experimental.multiNamespaceMode.enabled', 'multi-namespace mode'],
    ['controlPlane.advanced.virtualScheduler.enabled', 'the virtual scheduler'],
    ['sync.toHost.pods.hybridScheduling.enabled', 'hybrid scheduling (vCluster Pro)'],
    ['experimental.syncSettings.disableSync', 'running without the syncer (disableSync)'],
    ['experimental.syncSettings.rewriteKubernetesService', 'rewriting the kubernetes Service (rewriteKubernetesService)'],
  ];
  for (const [key, what] of optional) {
    it(`${key}: true is refused (${what})`, () => {
      const value = key.endsWith('.export') ? '[{kind: Certificate, apiVersion: cert-manager.io/v1}]' : 'true';
      const yaml = `${key.split('.').map((part, i) => `${'  '.repeat(i)}${part}:`).join('\n')} ${value}\n`;
      const issues = refusal(yaml);
      const origin = key.endsWith('.export') ? 'experimental.genericSync' : key;
      assert.ok(issues.includes(`${origin}: ${what} is not supported yet`), issues.join('\n'));
    });
  }

  it('custom resources, patches, syncLabels and targetNamespace are refused at their exact keys', () => {
    assert.deepEqual(
      refusal(
        [
          'sync:',
          '  toHost:',
          '    customResources:',
          '      certificates.cert-manager.io:',
          '        enabled: true',
          '    services:',
          '      patches:',
          '      - path: metadata.annotations',
          'experimental:',
          '  syncSettings:',
          '    syncLabels: ["app"]',
          '    targetNamespace: other',
        ].join('\n'),
      ),
      [
        'sync.toHost.services.patches: translating with patches (vCluster Pro) is not supported yet',
        'sync.toHost.customResources["certificates.cert-manager.io"].enabled: syncing custom resources is not supported yet',
        'experimental.syncSettings.syncLabels: copying labels verbatim with the old label scheme (syncLabels) is not supported yet',
        'experimental.syncSettings.targetNamespace: syncing into another namespace (targetNamespace) is not supported yet',
      ],
    );
  });

  it('disabling pods, services or endpoints warns, once each', () => {
    const text = 'sync:\n  toHost:\n' + ['pods', 'services', 'endpoints'].map((k) => `    ${k}:\n      enabled: false`).join('\n');
    const parsed = parseConfig(text);
    assert.deepEqual(parsed.warnings, [
      `syncing Pods is off (sync.toHost.pods.enabled): ${NON_FUNCTIONAL_WARNING}`,
      `syncing Services is off (sync.toHost.services.enabled): ${NON_FUNCTIONAL_WARNING}`,
      `syncing Endpoints is off (sync.toHost.endpoints.enabled): ${NON_FUNCTIONAL_WARNING}`,
    ]);
  });
});

describe('implied settings (with every feature switched on for the test)', () => {
  const cases: { name: string; text: string; on: SyncerName[]; off: SyncerName[] }[] = [
    { name: 'real nodes turn fake nodes off (values.yaml)', text: 'sync:\n  nodes:\n    enabled: true\n', on: ['nodes'], off: ['fake-nodes'] },
    { name: 'real nodes turn fake nodes off (vcluster.yaml)', text: 'sync:\n  fromHost:\n    nodes:\n      enabled: true\n', on: ['nodes'], off: ['fake-nodes'] },
    {
      name: 'persistent volumes turn fake ones off',
      text: 'sync:\n  toHost:\n    persistentVolumes:\n      enabled: true\n',
      on: ['persistentvolumes'],
      off: ['fake-persistentvolumes'],
    },
    { name: 'ingresses turn ingress classes on (values.yaml)', text: 'sync:\n  ingresses:\n    enabled: true\n', on: ['ingresses', 'ingressclasses'], off: [] },
    {
      name: 'ingresses turn ingress classes on (vcluster.yaml)',
      text: 'sync:\n  toHost:\n    ingresses:\n      enabled: true\n',
      on: ['ingresses', 'ingressclasses'],
      off: [],
    },
    {
      name: 'an explicit ingressclasses: false wins',
      text: 'sync:\n  ingresses:\n    enabled: true\n  ingressclasses:\n    enabled: false\n',
      on: ['ingresses'],
      off: ['ingressclasses'],
    },
    {
      name: 'the virtual scheduler turns on CSI objects and host storage classes',
      text: 'sync:\n  nodes:\n    enabled: true\n    enableScheduler: true\n',
      on: ['csinodes', 'csidrivers', 'csistoragecapacities', 'hoststorageclasses'],
      off: [],
    },
    {
      name: 'volumesnapshots (values.yaml) means snapshots, contents and classes',
      text: 'sync:\n  volumesnapshots:\n    enabled: true\n',
      on: ['volumesnapshots', 'volumesnapshotcontents', 'volumesnapshotclasses'],
      off: [],
    },
    {
      name: 'multi-namespace mode runs the namespaces syncer',
      text: 'multiNamespaceMode:\n  enabled: true\n',
      on: ['namespaces'],
      off: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { config } = parseConfig(c.text, { supported: everything });
      for (const name of c.on) assert.equal(config.sync[name], true, `${name} on`);
      for (const name of c.off) assert.equal(config.sync[name], false, `${name} off`);
    });
  }

  it('namespace sync forces all ConfigMaps and Secrets and drops owner references', () => {
    const { config } = parseConfig('sync:\n  toHost:\n    namespaces:\n      enabled: true\n', { supported: everything });
    assert.deepEqual([config.configMaps.all, config.secrets.all, config.setOwner], [true, true, false]);
  });

  it('an implied feature that is not built stays off with a warning instead of a refusal', () => {
    const supported = new Set<Feature>([...SUPPORTED_FEATURES, 'ingresses']);
    const parsed = parseConfig('sync:\n  toHost:\n    ingresses:\n      enabled: true\n', { supported });
    assert.equal(parsed.config.sync.ingressclasses, false);
    assert.deepEqual(parsed.warnings, [
      'sync.fromHost.ingressClasses.enabled (auto: follows sync.toHost.ingresses.enabled): syncing IngressClasses from the host is not supported yet, so it stays off',
    ]);
  });

  it('conflicting directions are refused', () => {
    assert.deepEqual(refusal('sync:\n  storageclasses:\n    enabled: true\n  hoststorageclasses:\n    enabled: true\n', { supported: everything }), [
      'sync.storageclasses.enabled: cannot be combined with sync.hoststorageclasses.enabled: StorageClasses are synced either to or from the host',
    ]);
    assert.deepEqual(
      refusal('sync:\n  toHost:\n    priorityClasses:\n      enabled: true\n  fromHost:\n    priorityClasses:\n      enabled: true\n', {
        supported: everything,
      }),
      [
        'sync.toHost.priorityClasses.enabled: cannot be combined with sync.fromHost.priorityClasses.enabled: PriorityClasses are synced either to or from the host',
      ],
    );
  });
});

describe('validation errors name the key and what was expected', () => {
  const cases: { name: string; text: string; issues: string[] }[] = [
    {
      name: 'wrong type',
      text: 'sync:\n  toHost:\n    pods:\n      enabled: "false"\n',
      issues: ['sync.toHost.pods.enabled: expected boolean, got string'],
    },
    { name: 'unknown key', text: 'sync:\n  toHost:\n    pod:\n      enabled: true\n', issues: ['sync.toHost.pod: unknown key'] },
    { name: 'unknown top-level key', text: 'foo: 1\n', issues: ['foo: unknown key'] },
    {
      name: 'unknown key in values.yaml',
      text: 'sync:\n  services:\n    enable: false\n',
      issues: ['sync.services.enable: unknown key'],
    },
    {
      name: 'all issues at once',
      text: 'sync:\n  toHost:\n    secrets:\n      all: 1\n    pods:\n      enforceTolerations: ["a:Bad"]\n      translateImage:\n        x: 2\n',
      issues: [
        'sync.toHost.pods.translateImage.x: expected string, got number',
        'sync.toHost.pods.enforceTolerations[0]: invalid toleration "a:Bad": the effect must be one of NoSchedule, PreferNoSchedule, NoExecute',
        'sync.toHost.secrets.all: expected boolean, got number',
      ],
    },
    {
      name: '"auto" flags',
      text: 'sync:\n  fromHost:\n    csiDrivers:\n      enabled: sometimes\n',
      issues: ['sync.fromHost.csiDrivers.enabled: expected boolean or "true" or "false" or "auto", got string "sometimes"'],
    },
    {
      name: 'a mapping where a list belongs',
      text: 'sync:\n  toHost:\n    pods:\n      enforceTolerations: {a: b}\n',
      issues: ['sync.toHost.pods.enforceTolerations: expected array, got mapping'],
    },
    { name: 'not a mapping at all', text: '- a\n- b\n', issues: ['config: expected a mapping of keys at the top level, got array'] },
    { name: 'YAML syntax', text: 'sync: [\n', issues: [] },
    { name: 'duplicate keys', text: 'sync: {}\nsync: {}\n', issues: [] },
    {
      name: 'both formats at once',
      text: 'sync:\n  services:\n    enabled: true\n  toHost: {}\n',
      issues: [
        'sync.services: mixes the older values.yaml format (sync.services) with the vcluster.yaml format (sync.toHost); use one of them',
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const issues = refusal(c.text);
      if (c.issues.length > 0) assert.deepEqual(issues, c.issues);
      else assert.match(issues[0] ?? '', /^config: invalid YAML \(line \d+, column \d+\)/);
    });
  }

  it('ConfigError lists every issue in its message', () => {
    assert.throws(
      () => parseConfig('sync:\n  toHost:\n    pods:\n      enabled: 1\n      x: 1\n'),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message === 'invalid configuration:\n  - sync.toHost.pods.enabled: expected boolean, got number\n  - sync.toHost.pods.x: unknown key',
    );
  });
});

describe('--sync', () => {
  it('-services,+ingresses: services off (with the warning); ingresses are refused until built', () => {
    assert.deepEqual(refusal('', { syncFlag: '-services,+ingresses' }), ['--sync ingresses: syncing Ingresses is not supported yet']);
    const parsed = parseConfig('', { syncFlag: '-services' });
    assert.equal(parsed.config.sync.services, false);
    assert.deepEqual(parsed.warnings, [`syncing Services is off (--sync -services): ${NON_FUNCTIONAL_WARNING}`]);
  });

  it('overrides the file; a "-name" wins over "name" whatever the order; repeated flags add up', () => {
    const { config } = parseConfig('sync:\n  toHost:\n    secrets:\n      enabled: false\n', {
      syncFlag: ['secrets', ' -configmaps ', 'configmaps'],
    });
    assert.equal(config.sync.secrets, true);
    assert.equal(config.sync.configmaps, false);
  });

  it('implied settings follow the flag', () => {
    const { config } = parseConfig('', { syncFlag: 'nodes,ingresses', supported: everything });
    assert.deepEqual([config.sync.nodes, config.sync['fake-nodes'], config.sync.ingressclasses], [true, false, true]);
    const off = parseConfig('', { syncFlag: 'ingresses,-ingressclasses', supported: everything });
    assert.equal(off.config.sync.ingressclasses, false);
  });

  it('an empty flag is no override', () => {
    assert.deepEqual(enabled(parseConfig('', { syncFlag: '' })), DEFAULT_SET);
    assert.deepEqual(enabled(parseConfig('', { syncFlag: [] })), DEFAULT_SET);
  });

  it('unknown and empty names are refused with the list of valid ones', () => {
    const [bogus] = refusal('', { syncFlag: 'bogus' });
    assert.match(bogus ?? '', /^--sync: unknown syncer "bogus"; valid names: services, configmaps, /);
    const [empty] = refusal('', { syncFlag: 'pods,,services' });
    assert.match(empty ?? '', /^--sync: empty syncer name in ""/);
  });
});

describe('several files and --set', () => {
  it('later files win, mappings merge, null unsets', () => {
    const parsed = loadConfigFiles([
      'sync:\n  toHost:\n    secrets:\n      all: true\n    services:\n      enabled: false\n',
      { name: 'b.yaml', text: 'sync:\n  toHost:\n    services:\n      enabled: true\n    secrets:\n      all: null\n' },
    ]);
    assert.equal(parsed.config.sync.services, true);
    assert.equal(parsed.config.secrets.all, false);
    assert.deepEqual(parsed.warnings, []);
  });

  it('a syntax error names the file', () => {
    assert.throws(
      () => loadConfigFiles(['', { name: 'values.yaml', text: 'a: [' }]),
      (error: unknown) => error instanceof ConfigError && error.issues[0]?.path === 'values.yaml',
    );
  });

  it('files in different formats cannot be mixed', () => {
    assert.throws(() => loadConfigFiles(['sync:\n  services:\n    enabled: false\n', 'sync:\n  toHost: {}\n']), ConfigError);
  });

  it('--set overrides the values and re-resolves', () => {
    const base = parseConfig('sync:\n  toHost:\n    secrets:\n      all: true\n', { syncFlag: '-events' });
    const { config, warnings } = applySetFlags(base.config, ['sync.toHost.pods.enabled=false', 'sync.toHost.pods.translateImage.a\\.io/x=b.io/x']);
    assert.equal(config.sync.pods, false);
    assert.equal(config.secrets.all, true);
    assert.equal(config.sync.events, false, 'the --sync flag stays');
    assert.deepEqual(config.pods.translateImage, { 'a.io/x': 'b.io/x' });
    assert.equal(warnings.length, 1);
  });

  it('--set with lists, typed values and null', () => {
    const base = parseConfig('sync:\n  toHost:\n    pods:\n      runtimeClassName: kata\n');
    const { config } = applySetFlags(base.config, [
      'sync.toHost.pods.enforceTolerations={a:NoSchedule,b=c:NoExecute}',
      'sync.toHost.pods.runtimeClassName=null',
    ]);
    assert.equal(config.pods.enforceTolerations.length, 2);
    assert.equal(config.pods.runtimeClassName, undefined);
  });

  it('--set errors name the argument and the key', () => {
    const base = parseConfig('');
    assert.throws(
      () => applySetFlags(base.config, ['sync.toHost.pods.enabled=maybe']),
      (error: unknown) => error instanceof ConfigError && error.issues[0]?.path === 'sync.toHost.pods.enabled',
    );
    assert.throws(
      () => applySetFlags(base.config, ['novalue']),
      (error: unknown) => error instanceof ConfigError && error.issues[0]?.path === '--set novalue',
    );
  });
});
