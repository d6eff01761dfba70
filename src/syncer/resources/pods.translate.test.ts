import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { hostServiceAccountName, toHostPod, translateEphemeralContainer, type PodTranslateInput, type PodTranslateOptions } from './pods.translate.js';

const ctx: NameContext = { vclusterName: 'vcluster', hostNamespace: 'test' };

const options: PodTranslateOptions = {
  translateImage: {},
  enforceTolerations: [],
  useSecretsForSATokens: true,
  rewriteHosts: { enabled: true, image: 'mirror.gcr.io/library/alpine:3.20', resources: { limits: {}, requests: {} } },
  ephemeralContainers: true,
  status: true,
  clusterDomain: 'cluster.local',
  workloadServiceAccount: 'vc-workload-vcluster',
  syncServiceAccounts: false,
  priorityClassesToHost: false,
  priorityClassesFromHost: false,
  virtualScheduler: false,
  runAsUser: 1001,
  runAsGroup: 1001,
};

function input(virtual: Pod, extra: Partial<PodTranslateInput> = {}): PodTranslateInput {
  return { virtual, namespaceLabels: {}, services: [], kubeIP: '1.2.3.4', dnsIP: '2.2.2.2', tokens: [], ...extra };
}

describe('toHostPod: upstream pods/syncer_test.go vector', () => {
  it('translates a bare pod exactly as upstream', () => {
    const virtual: Pod = { metadata: { name: 'testpod', namespace: 'testns' }, spec: { containers: [], nodeName: 'test123' } };
    const { pod, tokenSecretData, warnings } = toHostPod(ctx, input(virtual), options);
    assert.deepEqual(pod, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'testpod-x-testns-x-vcluster',
        namespace: 'test',
        labels: { 'vcluster.loft.sh/namespace': 'testns', 'vcluster.loft.sh/managed-by': 'vcluster' },
        annotations: {
          'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
          'vcluster.loft.sh/labels': '',
          'vcluster.loft.sh/name': 'testpod',
          'vcluster.loft.sh/namespace': 'testns',
          'vcluster.loft.sh/object-name': 'testpod',
          'vcluster.loft.sh/object-uid': '',
          'vcluster.loft.sh/object-namespace': 'testns',
          'vcluster.loft.sh/object-kind': '/v1, Kind=Pod',
          'vcluster.loft.sh/object-host-namespace': 'test',
          'vcluster.loft.sh/object-host-name': 'testpod-x-testns-x-vcluster',
          'vcluster.loft.sh/service-account-name': '',
          'vcluster.loft.sh/uid': '',
        },
      },
      spec: {
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        hostAliases: [{ ip: '1.2.3.4', hostnames: ['kubernetes.default.svc.cluster.local', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'] }],
        serviceAccountName: 'vc-workload-vcluster',
        hostname: 'testpod',
        containers: [],
        nodeName: 'test123',
      },
    });
    assert.deepEqual(tokenSecretData, {});
    assert.deepEqual(warnings, []);
  });
});

describe('toHostPod: a Deployment pod as the virtual API server stores it', () => {
  const virtual: Pod = {
    metadata: {
      name: 'web-7d4b9c-abcde',
      namespace: 'default',
      uid: 'uid-1',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c' },
      annotations: { note: 'hi' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      serviceAccountName: 'default',
      serviceAccount: 'default',
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      priorityClassName: 'high',
      priority: 5,
      containers: [
        {
          name: 'web',
          image: 'gcr.io/my-repo/app:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
          ],
          envFrom: [{ secretRef: { name: 'creds' } }],
          volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-abcde',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
  };
  const services = [
    { metadata: { name: 'db', namespace: 'default' }, spec: { clusterIP: '10.0.0.5', ports: [{ port: 5432 }] } },
    { metadata: { name: 'headless', namespace: 'default' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
  ];
  const tokens = [{ volumeName: 'kube-api-access-abcde', sourceIndex: 0, token: 'virtual-token', annotationSuffix: 'abcdefgh' }];
  const full: PodTranslateOptions = {
    ...options,
    translateImage: { 'gcr.io/my-repo': 'docker.io/my-mirror' },
    enforceTolerations: [{ key: 'node.kubernetes.io/special', operator: 'Exists', effect: 'NoSchedule' }],
    runtimeClassName: 'kata',
    priorityClassName: 'high-priority',
  };
  const { pod, tokenSecretData } = toHostPod(ctx, input(virtual, { services, tokens, namespaceLabels: { 'kubernetes.io/metadata.name': 'default' } }), full);
  const spec = pod.spec!;
  const container = spec.containers[0]!;

  it('names, labels and the pod annotations', () => {
    assert.equal(pod.metadata?.name, 'web-7d4b9c-abcde-x-default-x-vcluster');
    assert.deepEqual(pod.metadata.labels, {
      app: 'web',
      'pod-template-hash': '7d4b9c',
      'vcluster.loft.sh/managed-by': 'vcluster',
      'vcluster.loft.sh/namespace': 'default',
      'vcluster.loft.sh/ns-label-vcluster-x-cf1227b7b2': 'default',
    });
    const a = pod.metadata.annotations ?? {};
    assert.equal(a['vcluster.loft.sh/labels'], 'app="web"\npod-template-hash="7d4b9c"');
    assert.equal(a['vcluster.loft.sh/service-account-name'], 'default');
    assert.equal(a['cluster-autoscaler.kubernetes.io/safe-to-evict'], 'true');
    assert.equal(a['vcluster.loft.sh/owner-set-kind'], 'ReplicaSet');
    assert.equal(a['vcluster.loft.sh/owner-references'], '[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d4b9c","uid":"rs-uid","controller":true,"blockOwnerDeletion":true}]');
    assert.equal(a['vcluster.loft.sh/managed-annotations'], 'note');
    assert.equal(a.note, 'hi');
    assert.equal(pod.metadata.ownerReferences, undefined);
  });

  it('runs as the workload service account, never with host tokens or links', () => {
    assert.equal(spec.serviceAccountName, 'vc-workload-vcluster');
    assert.equal(spec.serviceAccount, undefined);
    assert.equal(spec.automountServiceAccountToken, false);
    assert.equal(spec.enableServiceLinks, false);
  });

  it('puts the virtual token into a Secret projection, not into annotations', () => {
    const projected = spec.volumes?.[0]?.projected;
    assert.deepEqual(projected?.sources?.[0], {
      secret: { name: 'web-7d4b9c-abcde-sa-token-x-default-x-vcluster', items: [{ key: 'kube-api-access-abcde', path: 'token', mode: 0o644 }] },
    });
    assert.deepEqual(projected.sources[1]?.configMap?.name, 'kube-root-ca.crt-x-default-x-vcluster');
    assert.equal(projected.sources[2]?.downwardAPI?.items?.[0]?.fieldRef?.fieldPath, "metadata.annotations['vcluster.loft.sh/namespace']");
    assert.deepEqual(tokenSecretData, { 'kube-api-access-abcde': 'virtual-token' });
    assert.ok(!JSON.stringify(pod.metadata).includes('virtual-token'));
  });

  it('environment: service links first, KUBERNETES_* at the vcluster service, references translated', () => {
    const names = container.env?.map((e) => e.name) ?? [];
    assert.deepEqual(names.slice(0, 3), ['DB_PORT', 'DB_PORT_5432_TCP', 'DB_PORT_5432_TCP_ADDR']);
    assert.deepEqual(names.slice(-3), ['A', 'POD', 'CM']);
    const env = Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));
    assert.equal(env.KUBERNETES_SERVICE_HOST, '1.2.3.4');
    assert.equal(env.KUBERNETES_PORT, 'tcp://1.2.3.4:443');
    assert.equal(env.DB_SERVICE_HOST, '10.0.0.5');
    assert.equal(env.HEADLESS_SERVICE_HOST, undefined);
    assert.equal(container.env?.find((e) => e.name === 'POD')?.valueFrom?.fieldRef?.fieldPath, "metadata.annotations['vcluster.loft.sh/name']");
    assert.equal(container.env.find((e) => e.name === 'CM')?.valueFrom?.configMapKeyRef?.name, 'cfg-x-default-x-vcluster');
    assert.equal(container.envFrom?.[0]?.secretRef?.name, 'creds-x-default-x-vcluster');
  });

  it('DNS through the virtual cluster DNS service', () => {
    assert.equal(spec.dnsPolicy, 'None');
    assert.deepEqual(spec.dnsConfig, {
      nameservers: ['2.2.2.2'],
      searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: [{ name: 'ndots', value: '5' }],
    });
    assert.equal(spec.hostname, 'web-7d4b9c-abcde');
  });

  it('pod options: image, tolerations, runtime class, priority class', () => {
    assert.equal(container.image, 'docker.io/my-mirror/app:1');
    assert.deepEqual(spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/special', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    assert.equal(spec.runtimeClassName, 'kata');
    // Without priority class sync the virtual class is dropped and the configured one used.
    assert.equal(spec.priorityClassName, 'high-priority');
    assert.equal(spec.priority, undefined);
  });
});

describe('toHostPod: options and special cases', () => {
  const base: Pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  it('tokens in annotations only when useSecretsForSATokens is false', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, volumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] } };
    const tokens = [{ volumeName: 'tok', sourceIndex: 0, token: 'T', annotationSuffix: 'abcdefgh' }];
    const result = toHostPod(ctx, input(virtual, { tokens }), { ...options, useSecretsForSATokens: false });
    assert.equal(result.pod.metadata?.annotations?.['vcluster.loft.sh/token-abcdefgh'], 'T');
    assert.deepEqual(result.pod.spec?.volumes?.[0]?.projected?.sources?.[0], {
      downwardAPI: { items: [{ path: 'token', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['vcluster.loft.sh/token-abcdefgh']" }, mode: 0o644 }] },
    });
    assert.deepEqual(result.tokenSecretData, {});
  });

  it('a pod with a subdomain gets its hosts file rewritten and loses the subdomain', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, subdomain: 'svc', hostname: 'web-0' } };
    const { pod } = toHostPod(ctx, input(virtual), options);
    assert.equal(pod.spec?.subdomain, undefined);
    assert.equal(pod.spec?.initContainers?.[0]?.name, 'vcluster-rewrite-hosts');
    assert.match(pod.spec.initContainers[0].args?.[1] ?? '', /web-0\.svc\.ns\.svc\.cluster\.local web-0/);
    assert.equal(pod.metadata?.annotations?.['vcluster.loft.sh/hosts-rewritten'], 'true');
    assert.deepEqual(pod.spec.containers[0]?.volumeMounts, [{ mountPath: '/etc/hosts', name: 'vcluster-rewrite-hosts', subPath: 'hosts' }]);
    const disabled = toHostPod(ctx, input(virtual), { ...options, rewriteHosts: { ...options.rewriteHosts, enabled: false } }).pod;
    assert.equal(disabled.spec?.initContainers, undefined);
    assert.equal(disabled.spec?.subdomain, undefined);
  });

  it('readiness gates and ephemeral containers follow the options', () => {
    const virtual: Pod = {
      ...base,
      spec: { ...base.spec!, readinessGates: [{ conditionType: 'example.com/ready' }], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] },
    };
    const on = toHostPod(ctx, input(virtual), options).pod.spec!;
    assert.deepEqual(on.readinessGates, [{ conditionType: 'example.com/ready' }]);
    assert.equal(on.ephemeralContainers?.[0]?.name, 'debug');
    const off = toHostPod(ctx, input(virtual), { ...options, status: false, ephemeralContainers: false }).pod.spec!;
    assert.equal(off.readinessGates, undefined);
    assert.equal(off.ephemeralContainers, undefined);
  });

  it('a virtual scheduler drops host scheduling constraints', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, nodeSelector: { disk: 'ssd' }, affinity: { nodeAffinity: {} } } };
    const kept = toHostPod(ctx, input(virtual), options).pod.spec!;
    assert.deepEqual(kept.nodeSelector, { disk: 'ssd' });
    const dropped = toHostPod(ctx, input(virtual), { ...options, virtualScheduler: true }).pod.spec!;
    assert.equal(dropped.nodeSelector, undefined);
    assert.equal(dropped.affinity, undefined);
  });

  it('priority classes synced to the host are renamed and capped', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, priorityClassName: 'urgent', priority: 2_000_000_000 } };
    const spec = toHostPod(ctx, input(virtual), { ...options, priorityClassesToHost: true }).pod.spec!;
    assert.equal(spec.priorityClassName, 'vcluster-urgent-x-test-x-vcluster');
    assert.equal(spec.priority, 1_000_000_000);
    const fromHost = toHostPod(ctx, input(virtual), { ...options, priorityClassesFromHost: true }).pod.spec!;
    assert.equal(fromHost.priorityClassName, 'urgent');
  });

  it('an ephemeral volume refers to the claim the virtual cluster creates', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } };
    const volume = toHostPod(ctx, input(virtual), options).pod.spec?.volumes?.[0];
    assert.deepEqual(volume, { name: 'scratch', persistentVolumeClaim: { claimName: 'p-scratch-x-ns-x-vcluster' } });
  });

  it('the host service account: workload account unless service accounts are synced', () => {
    const virtual: Pod = { ...base, spec: { ...base.spec!, serviceAccountName: 'builder' } };
    assert.equal(hostServiceAccountName(ctx, virtual, options), 'vc-workload-vcluster');
    assert.equal(hostServiceAccountName(ctx, virtual, { ...options, syncServiceAccounts: true }), 'builder-x-ns-x-vcluster');
  });

  it('an ephemeral container added later gets the same environment and image rules', () => {
    const added = translateEphemeralContainer(ctx, { name: 'dbg', image: 'gcr.io/my-repo/debug', env: [{ name: 'X', value: 'y' }] }, base, [], '1.2.3.4', {
      'gcr.io/my-repo': 'docker.io/my-mirror',
    });
    assert.equal(added.image, 'docker.io/my-mirror/debug');
    assert.equal(added.env?.at(-1)?.name, 'X');
    assert.ok(added.env.some((e) => e.name === 'KUBERNETES_SERVICE_HOST' && e.value === '1.2.3.4'));
  });

  it('is pure: the virtual pod is not changed', () => {
    const virtual: Pod = structuredClone(base);
    toHostPod(ctx, input(virtual), options);
    assert.deepEqual(virtual, base);
  });
});
