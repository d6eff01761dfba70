import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { NameContext } from '../names.js';
import { serviceOfSlice, syncEndpointSlice, toHostEndpointSlice } from './endpointslices.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const LONG = 'a-service-with-a-rather-long-name-that-goes-on-and-on';

const slice = (service: string, endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${service}-abcde`, namespace: 'shop', uid: 'u', labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  endpoints,
  ports: [{ port: 80 }],
});

describe('endpoint slices', () => {
  it('knows the Service of a slice', () => {
    assert.deepEqual(serviceOfSlice(slice('web', [])), { name: 'web', namespace: 'shop' });
    assert.equal(serviceOfSlice({ addressType: 'IPv4', endpoints: [], metadata: { name: 'x' } }), undefined);
  });

  const cases: readonly { name: string; service: string; expectLabel: string }[] = [
    { name: 'short service name', service: 'web', expectLabel: 'web-x-shop-x-vc' },
    { name: 'long service name: never cut to 63 characters', service: LONG, expectLabel: `${LONG}-x-shop-x-vc` },
  ];
  for (const c of cases) {
    it(`names the host Service in kubernetes.io/service-name (${c.name})`, () => {
      const host = toHostEndpointSlice(names, slice(c.service, []), { name: 'h', namespace: 'vcluster-vc' });
      assert.equal(host.metadata?.labels?.['kubernetes.io/service-name'], c.expectLabel);
      assert.equal(host.metadata.labels['vcluster.loft.sh/managed-by'], 'vc');
    });
  }

  it('points pod targets at host pods and keeps their uid', () => {
    const host = toHostEndpointSlice(names, slice('web', [{ addresses: ['10.1.0.1'], targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'pu' } }]), { name: 'h', namespace: 'vcluster-vc' });
    assert.deepEqual(host.endpoints, [{ addresses: ['10.1.0.1'], targetRef: { kind: 'Pod', name: 'web-1-x-shop-x-vc', namespace: 'vcluster-vc', uid: 'pu' } }]);
  });

  it('keeps the service-name label stable across syncs and copies endpoints one way', () => {
    const virtual = slice('web', [{ addresses: ['10.1.0.1'] }]);
    const host = { ...toHostEndpointSlice(names, virtual, { name: 'web-abcde-x-shop-x-vc', namespace: 'vcluster-vc' }), endpoints: [{ addresses: ['203.0.113.1'] }] };
    for (const event of [{ virtualOld: virtual, virtual, hostOld: host, host }, { virtual, host }]) {
      const out = syncEndpointSlice(names, event);
      assert.equal(out.host.metadata?.labels?.['kubernetes.io/service-name'], 'web-x-shop-x-vc');
      assert.deepEqual(out.host.endpoints, [{ addresses: ['10.1.0.1'] }]);
      assert.equal(out.virtual.metadata?.labels?.['kubernetes.io/service-name'], 'web');
    }
  });
});
