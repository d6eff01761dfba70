import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { desiredEndpointGroups, endpointSliceLabels, podToEndpoint, serviceAddressTypes, type AddressType, type EndpointGroup } from './endpointslice-desired.js';
import { planEndpointSlices, type SlicePlan } from './endpointslice-plan.js';

const svc: Service = {
  metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', labels: { app: 'web', 'kubernetes.io/service-name': 'spoof' } },
  spec: { clusterIP: '10.0.0.10', ipFamilies: ['IPv4'], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] },
};

function pod(n: number, o: { ready?: boolean; deleting?: boolean; port?: number; node?: string } = {}): Pod {
  return {
    metadata: { name: `p${n}`, namespace: 'ns', uid: `uid-${n}`, labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'c', ports: [{ name: 'web', containerPort: o.port ?? 8080 }] }], ...(o.node ? { nodeName: o.node } : {}) },
    status: { phase: 'Running', podIP: `10.1.0.${n}`, podIPs: [{ ip: `10.1.0.${n}` }], conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const noZones = (): undefined => undefined;

describe('podToEndpoint', () => {
  const cases: { name: string; pod: Pod; service?: Service; want: Endpoint | undefined }[] = [
    {
      name: 'a ready pod on a node in a zone',
      pod: pod(1, { node: 'n1' }),
      want: { addresses: ['10.1.0.1'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'ns', name: 'p1', uid: 'uid-1' }, nodeName: 'n1', zone: 'z1' },
    },
    {
      name: 'a pod that is not ready',
      pod: pod(2, { ready: false }),
      want: { addresses: ['10.1.0.2'], conditions: { ready: false, serving: false, terminating: false }, targetRef: { kind: 'Pod', namespace: 'ns', name: 'p2', uid: 'uid-2' } },
    },
    {
      name: 'a terminating pod still serving is not ready',
      pod: pod(3, { deleting: true }),
      want: { addresses: ['10.1.0.3'], conditions: { ready: false, serving: true, terminating: true }, targetRef: { kind: 'Pod', namespace: 'ns', name: 'p3', uid: 'uid-3' } },
    },
    {
      name: 'publishNotReadyAddresses makes it ready anyway',
      pod: pod(4, { deleting: true, ready: false }),
      service: { ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } },
      want: { addresses: ['10.1.0.4'], conditions: { ready: true, serving: false, terminating: true }, targetRef: { kind: 'Pod', namespace: 'ns', name: 'p4', uid: 'uid-4' } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(podToEndpoint(c.service ?? svc, c.pod, 'IPv4', (n) => (n === 'n1' ? 'z1' : undefined)), c.want);
    });
  }
  it('has no endpoint for a pod without an address of the type', () => {
    assert.equal(podToEndpoint(svc, pod(1), 'IPv6', noZones), undefined);
  });
});

describe('endpointslice labels and address types', () => {
  it('copies service labels except the reserved ones', () => {
    assert.deepEqual(endpointSliceLabels(svc), { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.equal(endpointSliceLabels({ ...svc, spec: { ...svc.spec, clusterIP: 'None' } })['service.kubernetes.io/headless'], '');
  });
  it('takes address types from ipFamilies, then the cluster IP', () => {
    assert.deepEqual(serviceAddressTypes({ spec: { ipFamilies: ['IPv6', 'IPv4'] } }), ['IPv6', 'IPv4']);
    assert.deepEqual(serviceAddressTypes({ spec: { clusterIP: 'fd00::1' } }), ['IPv6']);
    assert.deepEqual(serviceAddressTypes({ spec: { clusterIP: 'None' } }), ['IPv4']);
  });
});

function desired(pods: Pod[]): Map<AddressType, Map<string, EndpointGroup>> {
  return new Map([['IPv4', desiredEndpointGroups(svc, pods, 'IPv4', noZones)]]);
}

function existing(name: string, pods: Pod[], options: { uid?: string; labels?: Record<string, string> } = {}): EndpointSlice {
  const groups = [...desiredEndpointGroups(svc, pods, 'IPv4', noZones).values()];
  return {
    metadata: {
      name,
      namespace: 'ns',
      resourceVersion: '1',
      labels: options.labels ?? endpointSliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: options.uid ?? 'svc-uid', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: groups.flatMap((g) => g.endpoints),
    ports: groups[0]?.ports ?? [],
  };
}

const names = (slices: EndpointSlice[]): string[] => slices.map((s) => s.metadata?.name ?? `new(${s.endpoints.map((e) => e.targetRef?.name).join(',')})`);
const summary = (plan: SlicePlan): { create: string[]; update: string[]; delete: string[] } => ({ create: names(plan.create), update: names(plan.update), delete: names(plan.delete) });

describe('planEndpointSlices', () => {
  const cases: { name: string; pods: Pod[]; existing: EndpointSlice[]; max?: number; want: { create: string[]; update: string[]; delete: string[] } }[] = [
    { name: 'creates slices of at most max endpoints', pods: [pod(1), pod(2), pod(3)], existing: [], max: 2, want: { create: ['new(p1,p2)', 'new(p3)'], update: [], delete: [] } },
    { name: 'leaves an up-to-date slice alone', pods: [pod(1), pod(2)], existing: [existing('a', [pod(1), pod(2)])], want: { create: [], update: [], delete: [] } },
    { name: 'updates a slice whose endpoint changed', pods: [pod(1, { ready: false }), pod(2)], existing: [existing('a', [pod(1), pod(2)])], want: { create: [], update: ['a'], delete: [] } },
    { name: 'fills a slice with room before creating one', pods: [pod(1), pod(2), pod(3)], existing: [existing('a', [pod(1)]), existing('b', [pod(2), pod(3)])], max: 2, want: { create: [], update: [], delete: [] } },
    { name: 'new endpoints go to a slice with room', pods: [pod(1), pod(2)], existing: [existing('a', [pod(1)])], max: 2, want: { create: [], update: ['a'], delete: [] } },
    { name: 'a slice left empty is deleted', pods: [pod(1)], existing: [existing('a', [pod(1)]), existing('b', [pod(2)])], want: { create: [], update: [], delete: ['b'] } },
    { name: 'a duplicate endpoint is dropped from the second slice', pods: [pod(1), pod(2)], existing: [existing('a', [pod(1), pod(2)]), existing('b', [pod(2)])], want: { create: [], update: [], delete: ['b'] } },
    { name: 'a slice of an older service of that name is reused', pods: [pod(1)], existing: [existing('old', [pod(1)], { uid: 'gone' })], want: { create: [], update: ['old'], delete: [] } },
    { name: 'a new port set reuses the slice of the old one', pods: [pod(1, { port: 9090 })], existing: [existing('a', [pod(1)])], want: { create: [], update: ['a'], delete: [] } },
    { name: 'labels are kept in step with the service', pods: [pod(1)], existing: [existing('a', [pod(1)], { labels: { 'kubernetes.io/service-name': 'web' } })], want: { create: [], update: ['a'], delete: [] } },
    { name: 'without endpoints one placeholder slice is created', pods: [], existing: [], want: { create: ['new()'], update: [], delete: [] } },
    { name: 'without endpoints an existing placeholder is kept', pods: [], existing: [existing('p', [])], want: { create: [], update: [], delete: [] } },
    { name: 'without endpoints the last slice becomes the placeholder', pods: [], existing: [existing('a', [pod(1)]), existing('b', [pod(2)])], want: { create: [], update: ['a'], delete: ['b'] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planEndpointSlices({ service: svc, desired: desired(c.pods), existing: c.existing, maxEndpointsPerSlice: c.max ?? 100 });
      assert.deepEqual(summary(plan), c.want);
      for (const s of [...plan.create, ...plan.update]) {
        assert.ok(s.endpoints.length <= (c.max ?? 100));
        assert.deepEqual(s.metadata?.labels, endpointSliceLabels(svc));
        assert.equal(s.metadata.ownerReferences?.[0]?.uid, 'svc-uid');
      }
    });
  }

  it('new slices are owned by the service and named after it', () => {
    const [slice] = planEndpointSlices({ service: svc, desired: desired([pod(1)]), existing: [], maxEndpointsPerSlice: 100 }).create;
    assert.equal(slice?.metadata?.generateName, 'web-');
    assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('every desired endpoint ends up in exactly one slice', () => {
    const pods = Array.from({ length: 23 }, (_, i) => pod(i + 1));
    const plan = planEndpointSlices({ service: svc, desired: desired(pods), existing: [existing('a', pods.slice(0, 4)), existing('b', pods.slice(2, 6))], maxEndpointsPerSlice: 5 });
    const kept = [...plan.create, ...plan.update].flatMap((s) => s.endpoints.map((e) => e.targetRef?.name));
    const untouched = ['a', 'b'].filter((n) => ![...plan.update, ...plan.delete].some((s) => s.metadata?.name === n));
    const all = [...kept, ...untouched.flatMap((n) => (n === 'a' ? pods.slice(0, 4) : pods.slice(2, 6)).map((p) => p.metadata?.name))];
    assert.deepEqual([...all].sort(), pods.map((p) => p.metadata?.name).sort());
  });
});
