import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { KubeObject } from '../../api/object.js';
import { recordUpdate } from './record-update.js';
import { builtinKind, customKind, Harness } from './testing.js';

const podKind = () => builtinKind('', 'v1', 'Pod');

function pod(labels: Record<string, string> = {}, container: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', ...(Object.keys(labels).length > 0 ? { labels } : {}), ...metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ...container }] },
  };
}

const C = '.spec.containers[name="nginx"]';

describe('recordUpdate on create', () => {
  it('gives a created built-in object to its creator, as kube encodes it', () => {
    const h = new Harness(podKind());
    h.update('kubectl-create', pod({ app: 'nginx' }));
    assert.deepEqual(h.live?.metadata?.managedFields, [
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: h.lastTime,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          // labels did not exist in the zero Pod: owned as a whole too; spec and containers did.
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    ]);
  });

  it('records the maps of a created ConfigMap as added', () => {
    const h = new Harness(builtinKind('', 'v1', 'ConfigMap'));
    h.update('kubectl-create', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } });
    assert.deepEqual(h.entry('kubectl-create', 'Update')?.fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
  });

  it('records every added map of a created custom resource, spec included', () => {
    const h = new Harness(customKind('example.com', 'v1', 'Widget', { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } }));
    h.update('kubectl-create', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } });
    assert.deepEqual(h.entry('kubectl-create', 'Update')?.fieldsV1, { 'f:spec': { '.': {}, 'f:size': {} } });
  });

  it('gives the creator everything even when the request carries managedFields', () => {
    const h = new Harness(podKind());
    const requested = [{ manager: 'someone', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } }];
    h.update('kubectl-create', pod({ app: 'nginx' }, {}, { managedFields: requested }));
    assert.deepEqual(Object.keys(h.owners()), ['kubectl-create/Update']);
  });

  it('does not record server-owned metadata', () => {
    const h = new Harness(podKind());
    h.update('creator', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', namespace: 'd', resourceVersion: '1', generation: 1, creationTimestamp: 'x' } });
    assert.equal(h.live?.metadata?.managedFields, undefined);
  });
});

interface UpdateCase {
  readonly name: string;
  readonly steps: readonly ((h: Harness) => void)[];
  readonly owners: Record<string, string[]>;
  readonly statusSubresource?: boolean;
}

const updateCases: UpdateCase[] = [
  {
    name: 'the writer takes the fields it changes; the others keep the rest',
    steps: [(h) => h.apply('kubectl', pod({ app: 'nginx', tier: 'web' })), (h) => h.update('kubectl-label', pod({ app: 'other', tier: 'web' }))],
    owners: { 'kubectl/Apply': ['.metadata.labels.tier', C, `${C}.image`, `${C}.name`], 'kubectl-label/Update': ['.metadata.labels.app'] },
  },
  {
    name: 'a removed field is removed from its owner',
    steps: [(h) => h.apply('kubectl', pod({ app: 'nginx', tier: 'web' })), (h) => h.update('kubectl-edit', pod({ app: 'nginx' }))],
    owners: { 'kubectl/Apply': ['.metadata.labels.app', C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'successive updates by one manager accumulate',
    steps: [
      (h) => h.update('creator', pod()),
      (h) => h.update('labeler', pod({ a: '1' })),
      (h) => h.update('labeler', pod({ a: '1', b: '1' })),
    ],
    owners: { 'creator/Update': [C, `${C}.image`, `${C}.name`], 'labeler/Update': ['.metadata.labels', '.metadata.labels.a', '.metadata.labels.b'] },
  },
  {
    name: 'status writes are recorded for the status subresource and only for .status',
    statusSubresource: true,
    steps: [(h) => h.update('creator', pod()), (h) => h.update('kubelet', { ...pod({ sneaky: 'x' }), status: { phase: 'Running' } }, { subresource: 'status' })],
    owners: { 'creator/Update': [C, `${C}.image`, `${C}.name`], 'kubelet/Update/status': ['.status.phase'] },
  },
  {
    name: 'status is not recorded for writes to the resource of a kind with /status',
    statusSubresource: true,
    steps: [(h) => h.update('creator', { ...pod(), status: { phase: 'Pending' } })],
    owners: { 'creator/Update': [C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'at most ten updaters are kept, the oldest merged into ancient-changes',
    steps: Array.from({ length: 11 }, (_, i) => (h: Harness) => {
      const labels: Record<string, string> = {};
      for (let j = 0; j <= i; j++) labels[`l${j}`] = 'x';
      h.update(`m${i}`, pod(labels));
    }),
    owners: {
      'ancient-changes/Update': ['.metadata.labels.l1', C, `${C}.image`, `${C}.name`, '.metadata.labels', '.metadata.labels.l0'],
      ...Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`m${k + 2}/Update`, [`.metadata.labels.l${k + 2}`]])),
    },
  },
];

describe('recordUpdate on update', () => {
  for (const c of updateCases) {
    it(c.name, () => {
      const h = new Harness(podKind(), c.statusSubresource === undefined ? {} : { statusSubresource: c.statusSubresource });
      for (const step of c.steps) step(h);
      const owners = h.owners();
      assert.deepEqual(
        Object.fromEntries(Object.entries(owners).map(([k, v]) => [k, [...v].sort()])),
        Object.fromEntries(Object.entries(c.owners).map(([k, v]) => [k, [...v].sort()])),
      );
    });
  }

  it('a write that changes nothing leaves managedFields as they were, times included', () => {
    const h = new Harness(podKind());
    h.update('creator', pod({ app: 'nginx' }));
    h.apply('kubectl', pod({ app: 'nginx', tier: 'web' }));
    const before = structuredClone(h.live?.metadata?.managedFields);
    h.update('kubectl-replace', h.object());
    assert.deepEqual(h.live?.metadata?.managedFields, before);
  });

  it('only the writer’s time changes', () => {
    const h = new Harness(podKind());
    h.update('creator', pod());
    const creatorTime = h.entry('creator', 'Update')?.time;
    h.update('labeler', pod({ a: '1' }));
    assert.equal(h.entry('creator', 'Update')?.time, creatorTime);
    assert.equal(h.entry('labeler', 'Update')?.time, h.lastTime);
  });

  for (const reset of [[], [{}]]) {
    it(`managedFields: ${JSON.stringify(reset)} stops tracking the object`, () => {
      const h = new Harness(podKind());
      h.apply('kubectl', pod({ app: 'nginx' }));
      h.update('kubectl-replace', { ...h.object(), metadata: { ...h.object().metadata, managedFields: reset } });
      assert.equal(h.live?.metadata?.managedFields, undefined);
      h.update('kubectl-label', pod({ app: 'other' }));
      assert.equal(h.live?.metadata?.managedFields, undefined);
    });
  }

  it('managedFields sent with a write replace the stored ones (kubectl’s client-side upgrade patch)', () => {
    const h = new Harness(podKind());
    h.update('kubectl-client-side-apply', pod({ app: 'nginx' }));
    const moved = (h.live?.metadata?.managedFields ?? []).map((e) => ({ ...e, manager: 'kubectl', operation: 'Apply' }));
    h.update('kubectl', { ...h.object(), metadata: { ...h.object().metadata, managedFields: moved } });
    assert.deepEqual(Object.keys(h.owners()), ['kubectl/Apply']);
  });

  it('managedFields kube cannot decode in a request are ignored in favour of the stored ones', () => {
    const h = new Harness(podKind());
    h.update('creator', pod());
    const before = structuredClone(h.live?.metadata?.managedFields);
    h.update('writer', { ...h.object(), metadata: { ...h.object().metadata, managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'v1' }] } });
    assert.deepEqual(h.live?.metadata?.managedFields, before);
  });

  it('a subresource write cannot change managedFields', () => {
    const h = new Harness(podKind(), { statusSubresource: true });
    h.update('creator', pod());
    h.update('kubelet', { ...h.object(), metadata: { ...h.object().metadata, managedFields: [] }, status: { phase: 'Running' } }, { subresource: 'status' });
    assert.deepEqual(Object.keys(h.owners()), ['creator/Update', 'kubelet/Update/status']);
  });

  it('an object nobody manages stays unmanaged', () => {
    const kind = podKind();
    const live = pod({}, {}, { uid: 'u' });
    const next = pod({ a: '1' }, {}, { uid: 'u' });
    recordUpdate({ live, next, manager: 'm', schema: kind.schema, resolver: kind.resolver, now: new Date(), gvk: kind.gvk, builtin: true });
    assert.equal(next.metadata?.managedFields, undefined);
  });

  it('a write kube cannot type goes through without managedFields', () => {
    const h = new Harness(podKind());
    h.update('creator', pod());
    h.update('writer', { ...pod(), spec: { containers: [{ image: 'nameless' }] } });
    assert.equal(h.live?.metadata?.managedFields, undefined);
  });

  it('rewrites only next.metadata.managedFields and leaves live alone', () => {
    const kind = podKind();
    const h = new Harness(kind);
    h.update('creator', pod());
    const live = structuredClone(h.live);
    const snapshot = structuredClone(live);
    const next = pod({ a: '1' }, {}, { uid: 'uid-1' });
    recordUpdate({ live, next, manager: 'labeler', schema: kind.schema, resolver: kind.resolver, now: new Date('2024-06-01T00:00:00Z'), gvk: kind.gvk, builtin: true });
    assert.deepEqual(live, snapshot);
    assert.deepEqual({ ...next, metadata: { ...next.metadata, managedFields: undefined } }, { ...pod({ a: '1' }, {}, { uid: 'uid-1' }), metadata: { ...pod({ a: '1' }, {}, { uid: 'uid-1' }).metadata, managedFields: undefined } });
    assert.equal(next.metadata?.managedFields?.length, 2);
  });
});
