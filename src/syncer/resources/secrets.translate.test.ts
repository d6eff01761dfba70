import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Secret } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import type { NameContext } from '../names.js';
import { secretKeysUsedByIngress, secretsUsedByPod, syncSecret, toHostSecret } from './secrets.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [], ...spec } });

describe('secretsUsedByPod', () => {
  const cases: readonly { name: string; pod: Pod; expect: string[] }[] = [
    { name: 'none', pod: pod({ containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'cm' } }] }] }), expect: [] },
    { name: 'env secretKeyRef', pod: pod({ containers: [{ name: 'c', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'env-s', key: 'k' } } }] }] }), expect: ['env-s'] },
    { name: 'envFrom secretRef', pod: pod({ containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'from-s' } }] }] }), expect: ['from-s'] },
    { name: 'secret volume', pod: pod({ volumes: [{ name: 'v', secret: { secretName: 'vol-s' } }] }), expect: ['vol-s'] },
    { name: 'projected secret', pod: pod({ volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 'proj-s' } }] } }] }), expect: ['proj-s'] },
    { name: 'imagePullSecrets', pod: pod({ imagePullSecrets: [{ name: 'registry' }] }), expect: ['registry'] },
    {
      name: 'volume secret references',
      pod: pod({
        volumes: [
          { name: 'csi', csi: { driver: 'd', nodePublishSecretRef: { name: 'csi-s' } } },
          { name: 'cephfs', cephfs: { monitors: ['m'], secretRef: { name: 'ceph-s' } } },
          { name: 'azure', azureFile: { secretName: 'azure-s', shareName: 's' } },
          { name: 'rbd', rbd: { image: 'i', monitors: ['m'], secretRef: { name: 'rbd-s' } } },
        ],
      }),
      expect: ['azure-s', 'ceph-s', 'csi-s', 'rbd-s'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(secretsUsedByPod(c.pod), c.expect);
    });
  }
});

describe('secretKeysUsedByIngress', () => {
  it('reads TLS secrets and the nginx auth annotations (name or ns/name)', () => {
    const ingress: Ingress = {
      metadata: {
        name: 'i',
        namespace: 'web',
        annotations: { 'nginx.ingress.kubernetes.io/auth-secret': 'basic', 'nginx.ingress.kubernetes.io/auth-tls-secret': 'other/ca', unrelated: 'x' },
      },
      spec: { tls: [{ secretName: 'cert' }, { hosts: ['a'] }] },
    };
    assert.deepEqual(secretKeysUsedByIngress(ingress), ['other/ca', 'web/basic', 'web/cert']);
  });
});

describe('toHostSecret', () => {
  const cases: readonly { name: string; type?: string; expectType?: string }[] = [
    { name: 'keeps Opaque', type: 'Opaque', expectType: 'Opaque' },
    { name: 'keeps TLS', type: 'kubernetes.io/tls', expectType: 'kubernetes.io/tls' },
    { name: 'service-account token becomes Opaque', type: 'kubernetes.io/service-account-token', expectType: 'Opaque' },
    { name: 'no type stays without', expectType: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const virtual: Secret = { metadata: { name: 's', namespace: 'ns', uid: 'u' }, data: { k: 'dg==' }, ...(c.type === undefined ? {} : { type: c.type }) };
      const host = toHostSecret(names, virtual, { name: 's-x-ns-x-vc', namespace: 'vcluster-vc' });
      assert.equal(host.type, c.expectType);
      assert.deepEqual(host.data, { k: 'dg==' });
      assert.equal(host.metadata?.name, 's-x-ns-x-vc');
      assert.equal(host.metadata.ownerReferences, undefined, 'no owner without one');
    });
  }
});

describe('syncSecret', () => {
  const virtual: Secret = { metadata: { name: 's', namespace: 'ns', uid: 'u' }, data: { k: 'dg==' }, type: 'Opaque' };
  const host = toHostSecret(names, virtual, { name: 's-x-ns-x-vc', namespace: 'vcluster-vc' });
  it('copies data changes both ways', () => {
    assert.deepEqual(syncSecret(names, { virtualOld: virtual, virtual: { ...virtual, data: { k: 'eA==' } }, hostOld: host, host }).host.data, { k: 'eA==' });
    assert.deepEqual(syncSecret(names, { virtualOld: virtual, virtual, hostOld: host, host: { ...host, data: { k: 'dg==', n: 'eQ==' } } }).virtual.data, { k: 'dg==', n: 'eQ==' });
  });
  it('never changes the type (the server refuses it)', () => {
    const out = syncSecret(names, { virtual: { ...virtual, type: 'kubernetes.io/tls' }, host });
    assert.equal(out.host.type, 'Opaque');
  });
});
