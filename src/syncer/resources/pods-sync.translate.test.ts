import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { syncPods, virtualStatusOnly } from './pods-sync.translate.js';
import { toHostPod, type PodTranslateOptions } from './pods.translate.js';

const ctx: NameContext = { vclusterName: 'vc', hostNamespace: 'host-ns' };
const translateOptions: PodTranslateOptions = {
  translateImage: {},
  enforceTolerations: [],
  useSecretsForSATokens: true,
  rewriteHosts: { enabled: true, image: 'alpine', resources: { limits: {}, requests: {} } },
  ephemeralContainers: true,
  status: true,
  clusterDomain: 'cluster.local',
  workloadServiceAccount: 'vc-workload-vc',
  syncServiceAccounts: false,
  priorityClassesToHost: false,
  priorityClassesFromHost: false,
  virtualScheduler: false,
  runAsUser: 1001,
  runAsGroup: 1001,
};
const syncOptions = { translateImage: {}, enforceTolerations: [], status: true };

const virtual: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'ns', uid: 'v-uid', resourceVersion: '10', labels: { app: 'web' }, annotations: { a: '1' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1' }], readinessGates: [{ conditionType: 'example.com/gate' }] },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
};

function hostOf(v: Pod): Pod {
  const pod = toHostPod(ctx, { virtual: v, namespaceLabels: { team: 'x' }, services: [], kubeIP: '1.1.1.1', dnsIP: '', tokens: [] }, translateOptions).pod;
  return {
    ...pod,
    metadata: { ...pod.metadata, uid: 'h-uid', resourceVersion: '20' },
    spec: { ...pod.spec!, nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIP: '10.0.0.7',
      hostIP: '192.168.1.1',
      qosClass: 'BestEffort',
      startTime: '2024-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx:1', imageID: 'i' }],
    },
  };
}

describe('syncPods', () => {
  const host = hostOf(virtual);
  it('status, IPs and container statuses flow to the virtual pod', () => {
    const out = syncPods(ctx, { virtual, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, syncOptions);
    assert.equal(out.virtual.status?.phase, 'Running');
    assert.equal(out.virtual.status.podIP, '10.0.0.7');
    assert.equal(out.virtual.status.hostIP, '192.168.1.1');
    assert.deepEqual(out.virtual.status.containerStatuses?.map((c) => c.name), ['c']);
    assert.deepEqual(out.virtual.metadata, virtual.metadata);
    assert.deepEqual(out.virtual.spec, virtual.spec);
  });
  it('a host pod that is in step needs no write', () => {
    const out = syncPods(ctx, { virtual, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, syncOptions);
    assert.deepEqual(out.host, host);
  });
  it('label and annotation changes in the virtual cluster reach the host, the vcluster keys stay', () => {
    const changed: Pod = { ...virtual, metadata: { ...virtual.metadata, labels: { app: 'web', tier: 'front' }, annotations: { b: '2' } } };
    const out = syncPods(ctx, { virtual: changed, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, syncOptions);
    const labels = out.host.metadata?.labels ?? {};
    assert.equal(labels.tier, 'front');
    assert.equal(labels['vcluster.loft.sh/managed-by'], 'vc');
    assert.equal(Object.keys(labels).filter((k) => k.startsWith('vcluster.loft.sh/ns-label')).length, 1);
    const annotations = out.host.metadata?.annotations ?? {};
    assert.equal(annotations.b, '2');
    assert.equal(annotations.a, undefined);
    assert.equal(annotations['vcluster.loft.sh/labels'], 'app="web"\ntier="front"');
    assert.equal(annotations['vcluster.loft.sh/object-name'], 'web');
    assert.equal(annotations['vcluster.loft.sh/name'], 'web');
  });
  it('a namespace label change rebuilds the host namespace labels', () => {
    const out = syncPods(ctx, { virtual, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'y' } }, syncOptions);
    const nsLabels = Object.entries(out.host.metadata?.labels ?? {}).filter(([k]) => k.startsWith('vcluster.loft.sh/ns-label'));
    assert.deepEqual(nsLabels.map(([, v]) => v), ['y']);
  });
  it('readiness-gate conditions set in the virtual cluster go to the host status', () => {
    const gated: Pod = { ...virtual, status: { ...virtual.status, conditions: [{ type: 'example.com/gate', status: 'True' }] } };
    const out = syncPods(ctx, { virtual: gated, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, syncOptions);
    assert.deepEqual(out.host.status?.conditions, [{ type: 'Ready', status: 'True' }, { type: 'example.com/gate', status: 'True' }]);
    assert.deepEqual(out.virtual.status?.conditions, [{ type: 'Ready', status: 'True' }, { type: 'example.com/gate', status: 'True' }]);
    const off = syncPods(ctx, { virtual: gated, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, { ...syncOptions, status: false });
    assert.deepEqual(off.host.status, host.status);
  });
  it('an image change goes down', () => {
    const changed: Pod = { ...virtual, spec: { ...virtual.spec!, containers: [{ name: 'c', image: 'nginx:2' }] } };
    const out = syncPods(ctx, { virtual: changed, host, virtualOld: virtual, hostOld: host, namespaceLabels: { team: 'x' } }, syncOptions);
    assert.equal(out.host.spec?.containers[0]?.image, 'nginx:2');
    assert.equal(out.host.spec.containers[0].env?.some((e) => e.name === 'KUBERNETES_SERVICE_HOST'), true);
  });
  it('virtualStatusOnly', () => {
    assert.equal(virtualStatusOnly(virtual, host).status?.phase, 'Running');
  });
});
