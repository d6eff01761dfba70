import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../api/object.js';
import { Indexer, NAMESPACE_INDEX, OWNER_UID_INDEX, UnknownIndexError } from './indexer.js';

function pod(namespace: string, name: string, extra: { owners?: string[]; node?: string } = {}): KubeObject {
  return {
    metadata: { namespace, name, ownerReferences: (extra.owners ?? []).map((uid) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid })) },
    spec: extra.node ? { nodeName: extra.node } : {},
  };
}

const byNode = (o: KubeObject): string[] => {
  const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return node ? [node] : [];
};

const names = (objs: KubeObject[]): string[] => objs.map((o) => o.metadata?.name ?? '').sort();

describe('Indexer', () => {
  it('indexes by namespace and owner UID out of the box', () => {
    const idx = new Indexer<KubeObject>();
    idx.set('a/p1', pod('a', 'p1', { owners: ['rs1'] }));
    idx.set('a/p2', pod('a', 'p2', { owners: ['rs1', 'rs2'] }));
    idx.set('b/p3', pod('b', 'p3'));
    assert.deepEqual(names(idx.byIndex(NAMESPACE_INDEX, 'a')), ['p1', 'p2']);
    assert.deepEqual(names(idx.byIndex(OWNER_UID_INDEX, 'rs1')), ['p1', 'p2']);
    assert.deepEqual(names(idx.byIndex(OWNER_UID_INDEX, 'rs2')), ['p2']);
    assert.deepEqual(idx.byIndex(NAMESPACE_INDEX, 'c'), []);
    assert.deepEqual(['a', 'b', 'c'].map((ns) => idx.countByIndex(NAMESPACE_INDEX, ns)), [2, 1, 0]);
  });

  it('moves an object between index values when it changes, and forgets it when deleted', () => {
    const idx = new Indexer<KubeObject>({ node: byNode });
    idx.set('a/p', pod('a', 'p', { node: 'n1', owners: ['rs1'] }));
    assert.deepEqual(names(idx.byIndex('node', 'n1')), ['p']);
    const previous = idx.set('a/p', pod('a', 'p', { node: 'n2' }));
    assert.equal(previous?.metadata?.name, 'p');
    assert.deepEqual(idx.byIndex('node', 'n1'), []);
    assert.deepEqual(names(idx.byIndex('node', 'n2')), ['p']);
    assert.deepEqual(idx.byIndex(OWNER_UID_INDEX, 'rs1'), []);
    assert.equal(idx.countByIndex('node', 'n1'), 0);
    assert.equal(idx.countByIndex('node', 'n2'), 1);
    idx.delete('a/p');
    assert.deepEqual(idx.byIndex('node', 'n2'), []);
    assert.equal(idx.countByIndex('node', 'n2'), 0);
    assert.equal(idx.size, 0);
  });

  it('builds an index added later over existing objects', () => {
    const idx = new Indexer<KubeObject>();
    idx.set('a/p', pod('a', 'p', { node: 'n1' }));
    idx.addIndex('node', byNode);
    idx.addIndex('node', byNode);
    assert.deepEqual(names(idx.byIndex('node', 'n1')), ['p']);
    assert.throws(() => {
      idx.addIndex('node', () => []);
    }, /already exists/);
  });

  it('rejects unknown indexes', () => {
    assert.throws(() => new Indexer<KubeObject>().byIndex('nope', 'x'), UnknownIndexError);
  });
});
