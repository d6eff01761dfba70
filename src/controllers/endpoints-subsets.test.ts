import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1.js';
import { computeEndpointSubsets, endpointsLabels, shouldPodBeInEndpoints, truncateEndpointSubsets } from './endpoints-subsets.js';

function service(spec: Service['spec'], labels?: Record<string, string>): Service {
  return { metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', ...(labels ? { labels } : {}) }, spec: { clusterIP: '10.0.0.10', selector: { app: 'web' }, ...spec } };
}

interface PodOptions {
  ip?: string;
  ready?: boolean;
  phase?: string;
  deleting?: boolean;
  node?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
  ips?: string[];
}

function pod(name: string, o: PodOptions = {}): Pod {
  const ip = o.ip ?? `10.1.0.${name.replace(/\D/g, '') || '1'}`;
  return {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: [{ name: 'c', ...(o.ports ? { ports: o.ports } : {}) }],
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(ip !== '' ? { podIP: ip, podIPs: (o.ips ?? [ip]).map((i) => ({ ip: i })) } : {}),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

const ref = (name: string): { kind: string; namespace: string; name: string; uid: string } => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });
const http = { name: 'http', port: 8080, protocol: 'TCP' };

describe('computeEndpointSubsets', () => {
  const cases: { name: string; service: Service; pods: Pod[]; want: EndpointSubset[] }[] = [
    {
      name: 'ready and not-ready pods share a subset, ports resolved from a named targetPort',
      service: service({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pods: [pod('p2', { ready: false, ports: [{ name: 'web', containerPort: 8080 }] }), pod('p1', { ports: [{ name: 'web', containerPort: 8080 }], node: 'n1' })],
      want: [{ addresses: [{ ip: '10.1.0.1', nodeName: 'n1', targetRef: ref('p1') }], notReadyAddresses: [{ ip: '10.1.0.2', targetRef: ref('p2') }], ports: [http] }],
    },
    {
      name: 'a numeric targetPort is used as is; addresses are grouped by the ports they offer',
      service: service({ ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }] }),
      pods: [pod('p1', { ports: [{ name: 'metrics', containerPort: 9100 }] }), pod('p2')],
      want: [
        { addresses: [{ ip: '10.1.0.1', targetRef: ref('p1') }, { ip: '10.1.0.2', targetRef: ref('p2') }], ports: [http] },
        { addresses: [{ ip: '10.1.0.1', targetRef: ref('p1') }], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
      ],
    },
    {
      name: 'a named port must have the service port protocol',
      service: service({ ports: [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }] }),
      pods: [pod('p1', { ports: [{ name: 'dns', containerPort: 5353, protocol: 'TCP' }] }), pod('p2', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] })],
      want: [{ addresses: [{ ip: '10.1.0.2', targetRef: ref('p2') }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }],
    },
    {
      name: 'terminating, finished and address-less pods are left out',
      service: service({ ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      pods: [pod('p1', { deleting: true }), pod('p2', { phase: 'Succeeded' }), pod('p3', { ip: '' }), pod('p4')],
      want: [{ addresses: [{ ip: '10.1.0.4', targetRef: ref('p4') }], ports: [http] }],
    },
    {
      name: 'publishNotReadyAddresses makes every pod, terminating ones too, a ready address',
      service: service({ publishNotReadyAddresses: true, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      pods: [pod('p1', { ready: false }), pod('p2', { deleting: true })],
      want: [{ addresses: [{ ip: '10.1.0.1', targetRef: ref('p1') }, { ip: '10.1.0.2', targetRef: ref('p2') }], ports: [http] }],
    },
    {
      name: 'a headless service without ports gets port-less subsets; hostnames for pods of its subdomain',
      service: service({ clusterIP: 'None', ports: [] }),
      pods: [pod('p1', { hostname: 'web-0', subdomain: 'web' }), pod('p2', { hostname: 'other', subdomain: 'elsewhere' })],
      want: [{ addresses: [{ ip: '10.1.0.1', hostname: 'web-0', targetRef: ref('p1') }, { ip: '10.1.0.2', targetRef: ref('p2') }] }],
    },
    {
      name: 'a service with a cluster IP and no ports gets no subsets',
      service: service({ ports: [] }),
      pods: [pod('p1')],
      want: [],
    },
    {
      name: 'the address family follows the service',
      service: service({ ipFamilies: ['IPv6'], clusterIP: 'fd00::10', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      pods: [pod('p1', { ip: '10.1.0.1', ips: ['10.1.0.1', 'fd00::1'] }), pod('p2', { ip: '10.1.0.2' })],
      want: [{ addresses: [{ ip: 'fd00::1', targetRef: ref('p1') }], ports: [http] }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(computeEndpointSubsets(c.service, c.pods), c.want);
    });
  }

  it('does not depend on the order of the pods', () => {
    const svc = service({ ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const pods = [pod('p3'), pod('p1', { ready: false }), pod('p2')];
    assert.deepEqual(computeEndpointSubsets(svc, pods), computeEndpointSubsets(svc, [...pods].reverse()));
  });
});

describe('shouldPodBeInEndpoints', () => {
  for (const [name, p, includeTerminating, want] of [
    ['running with an IP', pod('p1'), false, true],
    ['no IP yet', pod('p1', { ip: '' }), false, false],
    ['failed', pod('p1', { phase: 'Failed' }), true, false],
    ['terminating, not wanted', pod('p1', { deleting: true }), false, false],
    ['terminating, wanted', pod('p1', { deleting: true }), true, true],
  ] as const) {
    it(name, () => {
      assert.equal(shouldPodBeInEndpoints(p, includeTerminating), want);
    });
  }
});

describe('truncateEndpointSubsets', () => {
  const addresses = (prefix: string, n: number): { ip: string }[] => Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${i}` }));
  it('keeps everything under the capacity', () => {
    const subsets = [{ addresses: addresses('a', 3), notReadyAddresses: addresses('b', 2) }];
    assert.deepEqual(truncateEndpointSubsets(subsets, 5), { subsets, truncated: false });
  });
  it('drops not-ready addresses first, proportionally', () => {
    const { subsets, truncated } = truncateEndpointSubsets([{ addresses: addresses('a', 4), notReadyAddresses: addresses('b', 4) }, { notReadyAddresses: addresses('c', 2) }], 6);
    assert.equal(truncated, true);
    assert.equal(subsets[0]?.addresses?.length, 4);
    assert.equal(subsets[0].notReadyAddresses?.length, 2);
    assert.equal(subsets[1]?.notReadyAddresses, undefined);
  });
  it('with too many ready addresses, keeps a share of them and no not-ready ones', () => {
    const { subsets } = truncateEndpointSubsets([{ addresses: addresses('a', 6), notReadyAddresses: addresses('b', 1) }, { addresses: addresses('c', 2) }], 4);
    assert.equal(subsets[0]?.addresses?.length, 3);
    assert.equal(subsets[0].notReadyAddresses, undefined);
    assert.equal(subsets[1]?.addresses?.length, 1);
  });
});

describe('endpointsLabels', () => {
  it('copies the service labels and marks headless services', () => {
    assert.deepEqual(endpointsLabels(service({}, { app: 'web' })), { app: 'web' });
    assert.deepEqual(endpointsLabels(service({ clusterIP: 'None' }, { app: 'web' })), { app: 'web', 'service.kubernetes.io/headless': '' });
    assert.deepEqual(endpointsLabels(service({}, { 'service.kubernetes.io/headless': '' })), {});
  });
});
