import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import {
  applyMaps,
  checkHostObject,
  hostMetadata,
  isManaged,
  shouldDeleteHostObject,
  translateBackByAnnotations,
  virtualMetadata,
} from './names-metadata.js';
import type { NameContext } from './names-core.js';

const ctx: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const POD = { group: '', version: 'v1', kind: 'Pod' } as const;
const STORAGE_CLASS = { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass' } as const;
const NAMESPACE = { group: '', version: 'v1', kind: 'Namespace' } as const;

/** A host pod exactly as the syncer writes it for virtual `default/nginx`. */
const syncedPod: ObjectMeta = {
  name: 'nginx-x-default-x-vc',
  namespace: 'vcluster-vc',
  labels: { 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'default' },
  annotations: {
    'vcluster.loft.sh/object-name': 'nginx',
    'vcluster.loft.sh/object-namespace': 'default',
    'vcluster.loft.sh/object-uid': 'uid-1',
    'vcluster.loft.sh/object-kind': '/v1, Kind=Pod',
    'vcluster.loft.sh/object-host-name': 'nginx-x-default-x-vc',
    'vcluster.loft.sh/object-host-namespace': 'vcluster-vc',
  },
};

function withAnnotations(meta: ObjectMeta, changes: Record<string, string | undefined>): ObjectMeta {
  const merged = Object.entries({ ...meta.annotations, ...changes }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return { ...meta, annotations: Object.fromEntries(merged) };
}

describe('hostMetadata (spec §1.8)', () => {
  it('translates name, namespace, labels and annotations and drops server-set fields', () => {
    const virtual: ObjectMeta = {
      name: 'nginx',
      namespace: 'default',
      uid: 'uid-1',
      resourceVersion: '12',
      generation: 3,
      creationTimestamp: '2024-01-01T00:00:00Z',
      generateName: 'ng-',
      finalizers: ['x'],
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }],
      labels: { app: 'nginx', release: 'r' },
      annotations: { note: 'n', secret: 's' },
    };
    const got = hostMetadata(ctx, { gvk: POD, metadata: virtual }, { name: 'nginx-x-default-x-vc', namespace: 'vcluster-vc' }, {
      owner: { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'svc-uid' },
      excludedAnnotations: ['secret'],
    });
    assert.deepEqual(got, {
      name: 'nginx-x-default-x-vc',
      namespace: 'vcluster-vc',
      labels: {
        app: 'nginx',
        'vcluster.loft.sh/label-vc-x-a4d451ec23': 'r',
        'vcluster.loft.sh/managed-by': 'vc',
        'vcluster.loft.sh/namespace': 'default',
      },
      annotations: {
        note: 'n',
        'vcluster.loft.sh/managed-annotations': 'note',
        'vcluster.loft.sh/object-name': 'nginx',
        'vcluster.loft.sh/object-namespace': 'default',
        'vcluster.loft.sh/object-uid': 'uid-1',
        'vcluster.loft.sh/object-kind': '/v1, Kind=Pod',
        'vcluster.loft.sh/object-host-name': 'nginx-x-default-x-vc',
        'vcluster.loft.sh/object-host-namespace': 'vcluster-vc',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'svc-uid', controller: true }],
    });
  });

  const ownerCases = [
    { name: 'no owner configured (setOwner off)', owner: undefined, refs: undefined, expect: undefined },
    {
      name: 'not a controller',
      owner: { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'u' },
      refs: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'y' }],
      expect: [{ apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'u', controller: false }],
    },
    { name: 'owner without uid is ignored', owner: { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: '' }, refs: undefined, expect: undefined },
  ];
  for (const c of ownerCases) {
    it(`owner reference: ${c.name}`, () => {
      const got = hostMetadata(
        ctx,
        { gvk: POD, metadata: { name: 'a', namespace: 'b', ...(c.refs ? { ownerReferences: c.refs } : {}) } },
        { name: 'a-x-b-x-vc', namespace: 'vcluster-vc' },
        c.owner ? { owner: c.owner } : {},
      );
      assert.deepEqual(got.ownerReferences, c.expect);
    });
  }

  it('cluster-scoped objects get the cluster marker, no namespace and no owner', () => {
    const got = hostMetadata(ctx, { gvk: STORAGE_CLASS, metadata: { name: 'fast', uid: 'u' } }, { name: 'vcluster-fast-x-vcluster-vc-x-vc', namespace: '' }, {
      owner: { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'u' },
    });
    assert.equal(got.namespace, undefined);
    assert.equal(got.ownerReferences, undefined);
    assert.deepEqual(got.labels, { 'vcluster.loft.sh/managed-by': 'vcluster-vc-x-vc' });
    assert.equal(got.annotations?.['vcluster.loft.sh/object-namespace'], undefined);
    assert.equal(got.annotations?.['vcluster.loft.sh/object-host-namespace'], undefined);
    assert.equal(got.annotations?.['vcluster.loft.sh/object-kind'], 'storage.k8s.io/v1, Kind=StorageClass');
  });

  it('virtualMetadata strips the bookkeeping and translates labels back', () => {
    assert.deepEqual(
      virtualMetadata(ctx, { ...syncedPod, labels: { ...syncedPod.labels, 'vcluster.loft.sh/label-vc-x-a4d451ec23': 'r', app: 'x' } }, { name: 'nginx', namespace: 'default' }),
      { name: 'nginx', namespace: 'default', labels: { app: 'x', release: 'r' } },
    );
  });
});

describe('applyMaps', () => {
  const cases: { name: string; from: Record<string, string>; to: Record<string, string>; managed: string[]; exclude: string[]; map: Record<string, string>; keys: string }[] = [
    { name: 'source wins, managed keys listed sorted', from: { b: '1', a: '2' }, to: { b: '0' }, managed: [], exclude: [], map: { a: '2', b: '1' }, keys: 'a\nb' },
    { name: 'key removed on the source disappears', from: {}, to: { a: '1' }, managed: ['a'], exclude: [], map: {}, keys: '' },
    { name: 'key added by someone else survives', from: { a: '1' }, to: { other: 'x' }, managed: ['a'], exclude: [], map: { a: '1', other: 'x' }, keys: 'a' },
    { name: 'excluded keys keep the target value', from: { k: 'src' }, to: { k: 'dst' }, managed: [], exclude: ['k'], map: { k: 'dst' }, keys: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(applyMaps(c.from, c.to, c.managed, c.exclude), { map: c.map, managed: c.keys });
    });
  }
});

describe('isManaged (spec §1.9)', () => {
  const translate = (v: { name: string; namespace: string }) => ({ name: `${v.name}-x-${v.namespace}-x-vc`, namespace: 'vcluster-vc' });
  const cases: { name: string; host: ObjectMeta; expected: boolean; withMapper?: boolean }[] = [
    { name: 'a pod we synced', host: syncedPod, expected: true, withMapper: true },
    { name: 'in another namespace', host: { ...syncedPod, namespace: 'other' }, expected: false },
    { name: 'managed by another vcluster', host: { ...syncedPod, labels: { 'vcluster.loft.sh/managed-by': 'other' } }, expected: false },
    { name: 'without managed-by', host: { ...syncedPod, labels: {} }, expected: false },
    { name: 'without object-name', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-name': undefined }), expected: false },
    { name: 'object-name does not translate to its name', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-name': 'other' }), expected: false, withMapper: true },
    { name: 'same, but no mapper to check with', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-name': 'other' }), expected: true },
    { name: 'another kind', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-kind': '/v1, Kind=Service' }), expected: false },
    { name: 'a copy (host-name differs)', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-host-name': 'x' }), expected: false },
    { name: 'moved (host-namespace differs)', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-host-namespace': 'x' }), expected: false },
    {
      name: 'written by ≤ v0.20 (no kind / host annotations)',
      host: withAnnotations(syncedPod, {
        'vcluster.loft.sh/object-kind': undefined,
        'vcluster.loft.sh/object-host-name': undefined,
        'vcluster.loft.sh/object-host-namespace': undefined,
      }),
      expected: true,
      withMapper: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(isManaged(ctx, POD, c.host, c.withMapper === true ? { virtualToHost: translate } : {}), c.expected);
    });
  }

  it('cluster-scoped: only the cluster marker counts', () => {
    assert.equal(isManaged(ctx, STORAGE_CLASS, { name: 'x', labels: { 'vcluster.loft.sh/managed-by': 'vcluster-vc-x-vc' } }), true);
    assert.equal(isManaged(ctx, STORAGE_CLASS, { name: 'x', labels: { 'vcluster.loft.sh/managed-by': 'vc' } }), false);
  });

  it('a recorded mapping makes it ours', () => {
    const lookup = { hostToVirtual: () => ({ name: 'a', namespace: 'b' }), virtualToHost: () => undefined, kinds: () => [] };
    assert.equal(isManaged(ctx, POD, { name: 'x', namespace: 'other' }, { lookup }), true);
  });
});

describe('shouldDeleteHostObject (spec §1.10)', () => {
  const cases: { name: string; gvk?: typeof POD | typeof STORAGE_CLASS; host: ObjectMeta; expected: boolean }[] = [
    { name: 'clearly synced by us', host: syncedPod, expected: true },
    { name: 'being deleted, whatever it is', host: { name: 'x', namespace: 'y', deletionTimestamp: '2024-01-01T00:00:00Z' }, expected: true },
    { name: 'kind annotation missing (≤ v0.20)', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-kind': undefined }), expected: false },
    { name: 'other kind', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-kind': '/v1, Kind=Secret' }), expected: false },
    { name: 'host-name missing', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-host-name': undefined }), expected: false },
    { name: 'host-name is another name', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-host-name': 'copy' }), expected: false },
    { name: 'object-namespace missing', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-namespace': undefined }), expected: false },
    { name: 'host-namespace is another namespace', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-host-namespace': 'x' }), expected: false },
    {
      name: 'cluster-scoped needs no namespace annotations',
      gvk: STORAGE_CLASS,
      host: {
        name: 'sc',
        annotations: {
          'vcluster.loft.sh/object-kind': 'storage.k8s.io/v1, Kind=StorageClass',
          'vcluster.loft.sh/object-name': 'fast',
          'vcluster.loft.sh/object-host-name': 'sc',
        },
      },
      expected: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(shouldDeleteHostObject(c.gvk ?? POD, c.host), c.expected);
    });
  }
});

describe('translateBackByAnnotations (spec §1.6 step 3)', () => {
  const cases: { name: string; host: ObjectMeta; expected: { name: string; namespace: string } | undefined }[] = [
    { name: 'our pod', host: syncedPod, expected: { name: 'nginx', namespace: 'default' } },
    { name: 'no object-name', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-name': undefined }), expected: undefined },
    { name: 'another vcluster', host: { ...syncedPod, labels: { 'vcluster.loft.sh/managed-by': 'other' } }, expected: undefined },
    { name: 'no marker at all is accepted', host: { ...syncedPod, labels: {} }, expected: { name: 'nginx', namespace: 'default' } },
    { name: 'another kind', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-kind': '/v1, Kind=Secret' }), expected: undefined },
    { name: 'an empty kind annotation counts as set', host: withAnnotations(syncedPod, { 'vcluster.loft.sh/object-kind': '' }), expected: undefined },
    { name: 'a renamed copy', host: { ...syncedPod, name: 'copy' }, expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(translateBackByAnnotations(ctx, POD, c.host), c.expected);
    });
  }
  it('cluster-scoped objects need the cluster marker', () => {
    const host = { name: 'sc', labels: { 'vcluster.loft.sh/managed-by': 'vc' }, annotations: { 'vcluster.loft.sh/object-name': 'fast' } };
    assert.equal(translateBackByAnnotations(ctx, STORAGE_CLASS, host), undefined);
    const ours = { ...host, labels: { 'vcluster.loft.sh/managed-by': 'vcluster-vc-x-vc' } };
    assert.deepEqual(translateBackByAnnotations(ctx, STORAGE_CLASS, ours), { name: 'fast', namespace: '' });
  });
});

describe('checkHostObject (spec §1.6 step 2)', () => {
  const cases = [
    { gvk: POD, host: { name: 'a', namespace: 'vcluster-vc' }, expected: true },
    { gvk: POD, host: { name: 'a', namespace: 'kube-system' }, expected: false },
    { gvk: STORAGE_CLASS, host: { name: 'a', namespace: '' }, expected: true },
    { gvk: NAMESPACE, host: { name: 'vcluster-vc', namespace: '' }, expected: true },
    { gvk: NAMESPACE, host: { name: 'default', namespace: '' }, expected: false },
  ];
  for (const c of cases) {
    it(`${c.gvk.kind} ${c.host.namespace}/${c.host.name} → ${c.expected}`, () => {
      assert.equal(checkHostObject(ctx, c.gvk, c.host), c.expected);
    });
  }
});
