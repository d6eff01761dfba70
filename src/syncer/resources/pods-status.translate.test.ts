import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { desiredVirtualStatus, hostConditionsWanted, hostSpecUpdate, virtualConditions } from './pods-status.translate.js';

const ready: PodCondition = { type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' };
const scheduled: PodCondition = { type: 'PodScheduled', status: 'True' };
const gateTrue: PodCondition = { type: 'example.com/gate', status: 'True' };
const gateFalse: PodCondition = { type: 'example.com/gate', status: 'False' };
const hostOnly: PodCondition = { type: 'host.example.com/injected', status: 'True' };

describe('hostConditionsWanted (readiness gates down to the host)', () => {
  const cases: { name: string; host: PodCondition[] | undefined; virtual: PodCondition[] | undefined; expected: PodCondition[] | undefined }[] = [
    { name: 'no custom conditions', host: [ready], virtual: [ready], expected: undefined },
    { name: 'new gate condition appended', host: [scheduled], virtual: [scheduled, gateTrue], expected: [scheduled, gateTrue] },
    { name: 'changed gate condition replaced', host: [gateFalse, ready], virtual: [gateTrue], expected: [gateTrue, ready] },
    { name: 'same gate condition: nothing to write', host: [gateTrue], virtual: [gateTrue], expected: undefined },
    { name: 'system conditions of the virtual pod never go down', host: [], virtual: [{ ...ready, status: 'False' }], expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(hostConditionsWanted(c.host, c.virtual), c.expected);
    });
  }
});

describe('virtualConditions', () => {
  const cases: { name: string; host: PodCondition[] | undefined; virtual: PodCondition[] | undefined; expected: PodCondition[] | undefined }[] = [
    { name: 'host system conditions come up', host: [scheduled, ready], virtual: undefined, expected: [scheduled, ready] },
    { name: 'host-only custom conditions are hidden', host: [scheduled, hostOnly], virtual: [], expected: [scheduled] },
    { name: 'virtual gate conditions are kept', host: [scheduled], virtual: [gateTrue], expected: [scheduled, gateTrue] },
    { name: 'the virtual value of a gate wins', host: [gateFalse, ready], virtual: [gateTrue], expected: [gateTrue, ready] },
    { name: 'nothing on either side', host: undefined, virtual: undefined, expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(virtualConditions(c.host, c.virtual), c.expected);
    });
  }
});

describe('desiredVirtualStatus', () => {
  const host: Pod = {
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
    status: {
      phase: 'Running',
      podIP: '10.1.0.5',
      podIPs: [{ ip: '10.1.0.5' }],
      hostIP: '192.168.0.2',
      startTime: '2024-01-01T00:00:00Z',
      qosClass: 'Guaranteed',
      conditions: [scheduled, ready],
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: 'x', state: { running: { startedAt: '2024-01-01T00:00:01Z' } } },
        { name: 'istio-proxy', ready: true, restartCount: 0, image: 'proxy', imageID: 'y' },
      ],
      initContainerStatuses: [{ name: 'vcluster-rewrite-hosts', ready: true, restartCount: 0, image: 'alpine', imageID: 'z' }],
    },
  };
  const virtual: Pod = { spec: { containers: [{ name: 'app' }] }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
  it('copies the host status, keeps the virtual QoS class, hides containers the virtual pod does not have', () => {
    assert.deepEqual(desiredVirtualStatus(host, virtual), {
      phase: 'Running',
      podIP: '10.1.0.5',
      podIPs: [{ ip: '10.1.0.5' }],
      hostIP: '192.168.0.2',
      startTime: '2024-01-01T00:00:00Z',
      qosClass: 'BestEffort',
      conditions: [scheduled, ready],
      containerStatuses: [host.status!.containerStatuses![0]!],
      initContainerStatuses: [],
    });
  });
  it('does not change its inputs', () => {
    const before = structuredClone(host);
    desiredVirtualStatus(host, virtual);
    assert.deepEqual(host, before);
  });
});

describe('hostSpecUpdate (the fields a pod update may change)', () => {
  const host: Pod = {
    metadata: { annotations: { 'vcluster.loft.sh/hosts-rewritten': 'true' } },
    spec: {
      containers: [{ name: 'app', image: 'mirror/app:1' }],
      initContainers: [{ name: 'vcluster-rewrite-hosts', image: 'alpine' }, { name: 'init', image: 'mirror/init:1' }],
      tolerations: [{ key: 'host-only', operator: 'Exists' }, { key: 'enforced', operator: 'Exists' }],
      schedulingGates: [{ name: 'gate' }],
    },
  };
  const rules = { 'gcr.io/x': 'mirror' };
  it('images (translated), active deadline, gates and tolerations follow the virtual pod', () => {
    const virtual: Pod = {
      spec: {
        containers: [{ name: 'app', image: 'gcr.io/x/app:2' }],
        initContainers: [{ name: 'init', image: 'gcr.io/x/init:1' }],
        activeDeadlineSeconds: 60,
        tolerations: [{ key: 'virtual', operator: 'Exists' }],
      },
    };
    assert.deepEqual(hostSpecUpdate(host, virtual, rules, [{ key: 'enforced', operator: 'Exists' }]), {
      containers: [{ name: 'app', image: 'mirror/app:2' }],
      initContainers: [{ name: 'vcluster-rewrite-hosts', image: 'alpine' }, { name: 'init', image: 'mirror/init:1' }],
      activeDeadlineSeconds: 60,
      tolerations: [{ key: 'virtual', operator: 'Exists' }, { key: 'host-only', operator: 'Exists' }, { key: 'enforced', operator: 'Exists' }],
    });
  });
  it('an unchanged pod gives the same spec', () => {
    const virtual: Pod = {
      spec: {
        containers: [{ name: 'app', image: 'gcr.io/x/app:1' }],
        initContainers: [{ name: 'init', image: 'gcr.io/x/init:1' }],
        schedulingGates: [{ name: 'gate' }],
        tolerations: [{ key: 'host-only', operator: 'Exists' }, { key: 'enforced', operator: 'Exists' }],
      },
    };
    assert.deepEqual(hostSpecUpdate(host, virtual, rules, [{ key: 'enforced', operator: 'Exists' }]), host.spec);
  });
});
