import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import { kubernetesEndpointSlice, kubernetesEndpointSubsets, kubernetesEndpoints, newKubernetesService, planKubernetesService } from './services-kubernetes.translate.js';

const hostService: Service = {
  metadata: { name: 'vc', namespace: 'vcluster-vc' },
  spec: {
    clusterIP: '10.96.7.7',
    clusterIPs: ['10.96.7.7'],
    ports: [
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 30443 },
      { name: 'kubelet', port: 10250, targetPort: 8443, protocol: 'TCP' },
    ],
  },
};
const fallback = { port: 6443 };

describe('default/kubernetes service', () => {
  it('is made from the host vcluster Service: its IP, its ports without kubelet and node ports', () => {
    assert.deepEqual(newKubernetesService(hostService, fallback).spec, {
      type: 'ClusterIP',
      clusterIP: '10.96.7.7',
      clusterIPs: ['10.96.7.7'],
      ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
      sessionAffinity: 'None',
    });
  });

  it('without a host Service points at the API server port', () => {
    assert.deepEqual(newKubernetesService(undefined, { clusterIp: '10.96.0.1', port: 6443 }).spec?.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
  });

  const cases: readonly { name: string; virtual: Service; host: Service | undefined; expect: string }[] = [
    { name: 'another IP: re-create', virtual: { metadata: { name: 'kubernetes', namespace: 'default', uid: 'u' }, spec: { clusterIP: '10.96.0.1', ports: [] } }, host: hostService, expect: 'recreate' },
    { name: 'same IP, other ports: update', virtual: { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.7.7', ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }] } }, host: hostService, expect: 'update' },
    { name: 'in step: nothing', virtual: { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.7.7', ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] } }, host: hostService, expect: 'none' },
    { name: 'no host Service and no fallback IP: nothing', virtual: { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1' } }, host: undefined, expect: 'none' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planKubernetesService(c.virtual, c.host, fallback);
      assert.equal(plan.kind, c.expect);
      if (plan.kind === 'recreate') {
        assert.equal(plan.object.metadata?.uid, undefined);
        assert.equal(plan.object.spec?.clusterIP, '10.96.7.7');
        assert.equal(plan.fallback.spec?.clusterIP, '10.96.0.1');
      }
    });
  }
});

describe('default/kubernetes endpoints', () => {
  const host: Endpoints = {
    metadata: { name: 'vc', namespace: 'vcluster-vc' },
    subsets: [{ addresses: [{ ip: '10.0.0.5', nodeName: 'n1' }], ports: [{ name: 'kubelet', port: 10250 }, { name: 'https', port: 8443, protocol: 'TCP' }] }],
  };
  it('takes the addresses of the host Endpoints with the https port', () => {
    assert.deepEqual(kubernetesEndpointSubsets(host), [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] }]);
  });
  it('leaves them alone when the host has no addresses', () => {
    assert.equal(kubernetesEndpointSubsets({ metadata: {}, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.5' }] }] }), undefined);
    assert.equal(kubernetesEndpointSubsets(undefined), undefined);
  });
  it('builds the Endpoints and the EndpointSlice', () => {
    const subsets = kubernetesEndpointSubsets(host) ?? [];
    assert.deepEqual(kubernetesEndpoints(undefined, subsets).subsets, subsets);
    const slice = kubernetesEndpointSlice(undefined, subsets);
    assert.deepEqual(slice.endpoints, [{ addresses: ['10.0.0.5'], conditions: { ready: true } }]);
    assert.deepEqual(slice.ports, [{ name: 'https', port: 8443, protocol: 'TCP' }]);
    assert.equal(slice.metadata?.labels?.['kubernetes.io/service-name'], 'kubernetes');
  });
});
