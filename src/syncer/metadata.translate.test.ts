import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { applyMapDiff, copyBidirectional, jsonEqual, mergeMapsBidirectional, syncMetadata, withMetadata } from './metadata.translate.js';
import type { NameContext } from './names.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const CONFIGMAP = { group: '', version: 'v1', kind: 'ConfigMap' } as const;
const HASHED_RELEASE = 'vcluster.loft.sh/label-vc-x-a4d451ec23';

describe('jsonEqual', () => {
  const cases: readonly { name: string; a: unknown; b: unknown; equal: boolean }[] = [
    { name: 'same scalars', a: 1, b: 1, equal: true },
    { name: 'different scalars', a: '1', b: 1, equal: false },
    { name: 'undefined key = missing key', a: { a: 1, b: undefined }, b: { a: 1 }, equal: true },
    { name: 'nested', a: { a: [{ x: 1 }] }, b: { a: [{ x: 1 }] }, equal: true },
    { name: 'array order matters', a: [1, 2], b: [2, 1], equal: false },
    { name: 'array vs object', a: [], b: {}, equal: false },
    { name: 'null vs undefined', a: null, b: undefined, equal: false },
    { name: 'extra key', a: { a: 1 }, b: { a: 1, c: 2 }, equal: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(jsonEqual(c.a, c.b), c.equal);
      assert.equal(jsonEqual(c.b, c.a), c.equal);
    });
  }
});

describe('copyBidirectional', () => {
  const known = { virtualOldKnown: true, hostOldKnown: true };
  const cases: readonly { name: string; args: [string, string, string, string]; options?: { virtualOldKnown: boolean; hostOldKnown: boolean }; expect: { virtual: string; host: string } }[] = [
    { name: 'nothing changed keeps both', args: ['a', 'a', 'b', 'b'], expect: { virtual: 'a', host: 'b' } },
    { name: 'virtual change goes to the host', args: ['a', 'v', 'a', 'a'], expect: { virtual: 'v', host: 'v' } },
    { name: 'host change goes to the virtual side', args: ['a', 'a', 'a', 'h'], expect: { virtual: 'h', host: 'h' } },
    { name: 'both changed: virtual wins', args: ['a', 'v', 'a', 'h'], expect: { virtual: 'v', host: 'v' } },
    { name: 'unknown virtual old state: virtual wins', args: ['', 'v', 'a', 'h'], options: { virtualOldKnown: false, hostOldKnown: true }, expect: { virtual: 'v', host: 'v' } },
    { name: 'unknown host old state: no host change is seen', args: ['a', 'a', '', 'h'], options: { virtualOldKnown: true, hostOldKnown: false }, expect: { virtual: 'a', host: 'h' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(copyBidirectional(...c.args, c.options ?? known), c.expect);
    });
  }
});

describe('applyMapDiff', () => {
  it('applies added, changed and removed keys and keeps the rest', () => {
    assert.deepEqual(applyMapDiff({ keep: '1', change: 'x', remove: 'y' }, { change: 'a', remove: 'b' }, { change: 'c', add: 'd' }), {
      keep: '1',
      change: 'c',
      add: 'd',
    });
  });
  it('maps keys and drops those mapped to undefined', () => {
    assert.deepEqual(applyMapDiff({}, {}, { a: '1', skip: '2' }, (k) => (k === 'skip' ? undefined : `x/${k}`)), { 'x/a': '1' });
  });
});

describe('mergeMapsBidirectional', () => {
  const known = { virtualOldKnown: true, hostOldKnown: true };
  const cases: readonly {
    name: string;
    vOld?: Record<string, string>;
    v?: Record<string, string>;
    hOld?: Record<string, string>;
    h?: Record<string, string>;
    options?: { virtualOldKnown: boolean; hostOldKnown: boolean };
    expect: { virtual?: Record<string, string>; host?: Record<string, string> };
  }[] = [
    { name: 'virtual change merges into the host', vOld: { a: '1' }, v: { a: '2', b: '3' }, hOld: { a: '1', h: 'x' }, h: { a: '1', h: 'x' }, expect: { virtual: { a: '2', b: '3' }, host: { a: '2', b: '3', h: 'x' } } },
    { name: 'virtual removal removes on the host', vOld: { a: '1', b: '2' }, v: { a: '1' }, hOld: { a: '1', b: '2' }, h: { a: '1', b: '2' }, expect: { virtual: { a: '1' }, host: { a: '1' } } },
    { name: 'host change merges into the virtual side', vOld: { a: '1' }, v: { a: '1' }, hOld: { a: '1' }, h: { a: '1', n: 'new' }, expect: { virtual: { a: '1', n: 'new' }, host: { a: '1', n: 'new' } } },
    { name: 'after a restart the virtual map is taken as it is', v: { a: '2' }, h: { a: '1', stale: 'x' }, options: { virtualOldKnown: false, hostOldKnown: false }, expect: { virtual: { a: '2' }, host: { a: '2' } } },
    { name: 'nothing changed', vOld: { a: '1' }, v: { a: '1' }, hOld: { a: '1' }, h: { a: '1' }, expect: { virtual: { a: '1' }, host: { a: '1' } } },
    { name: 'emptied on the virtual side', vOld: { a: '1' }, hOld: { a: '1' }, h: { a: '1' }, expect: {} },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(mergeMapsBidirectional(c.vOld, c.v, c.hOld, c.h, c.options ?? known), { virtual: c.expect.virtual, host: c.expect.host });
    });
  }
});

describe('syncMetadata', () => {
  const virtual: ObjectMeta = { name: 'cm', namespace: 'default', uid: 'u1', labels: { app: 'a', release: 'r' }, annotations: { note: 'v' } };
  const hostBookkeeping = {
    'vcluster.loft.sh/object-name': 'cm',
    'vcluster.loft.sh/object-namespace': 'default',
    'vcluster.loft.sh/object-uid': 'u1',
    'vcluster.loft.sh/object-kind': '/v1, Kind=ConfigMap',
    'vcluster.loft.sh/object-host-name': 'cm-x-default-x-vc',
    'vcluster.loft.sh/object-host-namespace': 'vcluster-vc',
  };
  const host: ObjectMeta = {
    name: 'cm-x-default-x-vc',
    namespace: 'vcluster-vc',
    labels: { app: 'a', [HASHED_RELEASE]: 'r', 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'default' },
    annotations: { ...hostBookkeeping, note: 'v', 'vcluster.loft.sh/managed-annotations': 'note', 'third-party': 'keep' },
  };

  it('keeps everything when nothing changed', () => {
    const out = syncMetadata(names, CONFIGMAP, { virtualOld: virtual, virtual, hostOld: host, host });
    assert.deepEqual(out.virtual, { labels: virtual.labels, annotations: virtual.annotations });
    assert.deepEqual(out.host, { labels: host.labels, annotations: host.annotations });
  });

  it('pushes a virtual label and annotation change to the host, keeping third-party host annotations', () => {
    const changed: ObjectMeta = { ...virtual, labels: { app: 'b' }, annotations: {} };
    const out = syncMetadata(names, CONFIGMAP, { virtualOld: virtual, virtual: changed, hostOld: host, host });
    assert.deepEqual(out.host.labels, { app: 'b', 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'default' });
    assert.deepEqual(out.host.annotations, { ...hostBookkeeping, 'third-party': 'keep' });
    assert.deepEqual(out.virtual, { labels: { app: 'b' }, annotations: {} });
  });

  it('brings a host label and annotation change back, translating hashed keys', () => {
    const changed: ObjectMeta = { ...host, labels: { ...host.labels, extra: 'h', [HASHED_RELEASE]: 'r2' }, annotations: { ...host.annotations, note: 'h' } };
    const out = syncMetadata(names, CONFIGMAP, { virtualOld: virtual, virtual, hostOld: host, host: changed });
    assert.deepEqual(out.virtual.labels, { app: 'a', release: 'r2', extra: 'h' });
    assert.deepEqual(out.virtual.annotations, { note: 'h' });
    assert.equal(out.host.annotations?.note, 'h');
    assert.equal(out.host.labels?.extra, 'h');
  });

  it('after a restart takes the virtual labels and annotations, and rewrites the bookkeeping', () => {
    const stale: ObjectMeta = { ...host, labels: { old: 'x', 'vcluster.loft.sh/managed-by': 'vc' }, annotations: { 'vcluster.loft.sh/object-uid': 'u0', 'third-party': 'keep' } };
    const out = syncMetadata(names, CONFIGMAP, { virtual, host: stale });
    assert.deepEqual(out.host.labels, { app: 'a', [HASHED_RELEASE]: 'r', 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'default' });
    assert.deepEqual(out.host.annotations, { ...hostBookkeeping, note: 'v', 'vcluster.loft.sh/managed-annotations': 'note', 'third-party': 'keep' });
  });

  it('never copies excluded annotations or block-deletion', () => {
    const withExcluded: ObjectMeta = { ...virtual, annotations: { secret: 'x', note: 'v' } };
    const blocked: ObjectMeta = { ...host, annotations: { ...host.annotations, 'vcluster.loft.sh/block-deletion': 'true' } };
    const out = syncMetadata(names, CONFIGMAP, { virtual: withExcluded, host: blocked }, ['secret']);
    assert.equal(out.host.annotations?.secret, undefined);
    assert.equal(out.host.annotations?.['vcluster.loft.sh/block-deletion'], undefined);
  });
});

describe('withMetadata', () => {
  it('replaces labels and annotations and drops empty ones', () => {
    assert.deepEqual(withMetadata({ name: 'a', labels: { x: '1' }, annotations: { y: '2' } }, { labels: {}, annotations: { z: '3' } }), { name: 'a', annotations: { z: '3' } });
  });
});
