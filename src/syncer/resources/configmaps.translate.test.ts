import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { configMapsUsedByPod, importConfigMap, isUsed, keysIn, sameKeys, syncConfigMap, toHostConfigMap } from './configmaps.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const owner = { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'svc-uid' };

const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [], ...spec } });

describe('configMapsUsedByPod', () => {
  const cases: readonly { name: string; pod: Pod; expect: string[] }[] = [
    { name: 'no references', pod: pod({ containers: [{ name: 'c' }] }), expect: [] },
    { name: 'env valueFrom', pod: pod({ containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'env-cm', key: 'k' } } }] }] }), expect: ['env-cm'] },
    { name: 'envFrom', pod: pod({ containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'from-cm' } }, { secretRef: { name: 's' } }] }] }), expect: ['from-cm'] },
    { name: 'init and ephemeral containers', pod: pod({ initContainers: [{ name: 'i', envFrom: [{ configMapRef: { name: 'init' } }] }], ephemeralContainers: [{ name: 'e', envFrom: [{ configMapRef: { name: 'eph' } }] }] }), expect: ['eph', 'init'] },
    { name: 'volume', pod: pod({ volumes: [{ name: 'v', configMap: { name: 'vol-cm' } }] }), expect: ['vol-cm'] },
    {
      name: 'projected sources (the service-account volume uses kube-root-ca.crt)',
      pod: pod({ volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }] } }] }),
      expect: ['kube-root-ca.crt'],
    },
    { name: 'duplicates once, sorted', pod: pod({ containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'b' } }, { configMapRef: { name: 'a' } }] }], volumes: [{ name: 'v', configMap: { name: 'b' } }] }), expect: ['a', 'b'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(configMapsUsedByPod(c.pod), c.expect);
    });
  }
  it('keysIn qualifies names with the namespace', () => {
    assert.deepEqual(keysIn('ns', ['a', 'b']), ['ns/a', 'ns/b']);
  });
});

describe('sameKeys', () => {
  const cases: [string, string[], string[], boolean][] = [
    ['both empty', [], [], true],
    ['same order', ['a/x', 'a/y'], ['a/x', 'a/y'], true],
    ['other order', ['a/y', 'a/x'], ['a/x', 'a/y'], true],
    ['one more', ['a/x'], ['a/x', 'a/y'], false],
    ['one fewer', ['a/x', 'a/y'], ['a/x'], false],
    ['one replaced', ['a/x', 'a/y'], ['a/x', 'a/z'], false],
    ['duplicates on one side', ['a/x', 'a/x'], ['a/x', 'a/y'], false],
  ];
  for (const [name, a, b, want] of cases) {
    it(name, () => {
      assert.equal(sameKeys(a, b), want);
    });
  }
});

describe('isUsed', () => {
  const cases = [
    { name: 'unused', annotations: {}, all: false, used: false, expect: false },
    { name: 'used', annotations: {}, all: false, used: true, expect: true },
    { name: 'all', annotations: {}, all: true, used: false, expect: true },
    { name: 'force-sync', annotations: { 'vcluster.loft.sh/force-sync': 'true' }, all: false, used: false, expect: true },
    { name: 'force-sync other value', annotations: { 'vcluster.loft.sh/force-sync': 'yes' }, all: false, used: false, expect: false },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(isUsed({ metadata: { annotations: c.annotations } }, { all: c.all, used: c.used }), c.expect);
    });
  }
});

const virtual: ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'ns', uid: 'u1', resourceVersion: '5', labels: { app: 'x' }, annotations: { a: 'b' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'pu' }] },
  data: { k: 'v' },
  binaryData: { b: 'AA==' },
};

describe('toHostConfigMap', () => {
  it('translates name, labels and annotations and owns it by the vcluster service', () => {
    assert.deepEqual(toHostConfigMap(names, virtual, { name: 'cm-x-ns-x-vc', namespace: 'vcluster-vc' }, owner), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm-x-ns-x-vc',
        namespace: 'vcluster-vc',
        labels: { app: 'x', 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'ns' },
        annotations: {
          a: 'b',
          'vcluster.loft.sh/managed-annotations': 'a',
          'vcluster.loft.sh/object-name': 'cm',
          'vcluster.loft.sh/object-uid': 'u1',
          'vcluster.loft.sh/object-host-name': 'cm-x-ns-x-vc',
          'vcluster.loft.sh/object-host-namespace': 'vcluster-vc',
          'vcluster.loft.sh/object-namespace': 'ns',
          'vcluster.loft.sh/object-kind': '/v1, Kind=ConfigMap',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'svc-uid', controller: false }],
      },
      data: { k: 'v' },
      binaryData: { b: 'AA==' },
    });
  });
});

describe('syncConfigMap', () => {
  const host = toHostConfigMap(names, virtual, { name: 'cm-x-ns-x-vc', namespace: 'vcluster-vc' }, owner);
  const cases: readonly { name: string; virtualOld?: ConfigMap; virtual: ConfigMap; hostOld?: ConfigMap; host: ConfigMap; expectVirtualData: unknown; expectHostData: unknown }[] = [
    { name: 'in sync', virtualOld: virtual, virtual, hostOld: host, host, expectVirtualData: { k: 'v' }, expectHostData: { k: 'v' } },
    { name: 'virtual change', virtualOld: virtual, virtual: { ...virtual, data: { k: 'v2' } }, hostOld: host, host, expectVirtualData: { k: 'v2' }, expectHostData: { k: 'v2' } },
    { name: 'host change', virtualOld: virtual, virtual, hostOld: host, host: { ...host, data: { k: 'v', h: '1' } }, expectVirtualData: { k: 'v', h: '1' }, expectHostData: { k: 'v', h: '1' } },
    { name: 'after a restart the virtual data wins', virtual: { ...virtual, data: { k: 'new' } }, host: { ...host, data: { k: 'old', h: '1' } }, expectVirtualData: { k: 'new' }, expectHostData: { k: 'new' } },
    { name: 'all data removed in the virtual cluster', virtualOld: virtual, virtual: { ...virtual, data: {} }, hostOld: host, host, expectVirtualData: undefined, expectHostData: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = syncConfigMap(names, c);
      assert.deepEqual(out.virtual.data, c.expectVirtualData);
      assert.deepEqual(out.host.data, c.expectHostData);
      assert.equal(out.host.metadata?.name, 'cm-x-ns-x-vc');
      assert.equal(out.host.metadata.annotations?.['vcluster.loft.sh/object-uid'], c.virtual.metadata?.uid);
    });
  }
  it('does not change the inputs', () => {
    const before = structuredClone(host);
    syncConfigMap(names, { virtual: { ...virtual, data: { x: '1' } }, host });
    assert.deepEqual(host, before);
  });
});

describe('importConfigMap', () => {
  it('makes a virtual ConfigMap from an old host copy', () => {
    const legacy: ConfigMap = { metadata: { name: 'cm-x-ns-x-vc', namespace: 'vcluster-vc', labels: { app: 'x', 'vcluster.loft.sh/managed-by': 'vc' }, annotations: { 'vcluster.loft.sh/object-name': 'cm', keep: 'me' } }, data: { k: 'v' } };
    assert.deepEqual(importConfigMap(names, legacy, { name: 'cm', namespace: 'ns' }), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'ns', labels: { app: 'x' }, annotations: { keep: 'me' } },
      data: { k: 'v' },
    });
  });
});
