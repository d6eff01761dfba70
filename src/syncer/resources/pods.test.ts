import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/object.js';
import { keyOf, noopLogger, realClock, type KubeClient, type ObjectLike, type ResourceRef } from '../../client/index.js';
import { parseConfig } from '../../config/index.js';
import type { ObjectCache } from '../../runtime/index.js';
import { MemoryMappingStore } from '../mapping-store.js';
import type { NameContext } from '../names.js';
import type { ClusterAccess, SyncContext, SyncResult } from '../types.js';
import { podSyncer } from './pods.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const config = parseConfig('sync:\n  toHost:\n    pods:\n      enabled: true\n').config;

class ListCache<T extends ObjectLike> implements ObjectCache<T> {
  constructor(private readonly items: readonly T[]) {}
  get(namespace: string, name: string): T | undefined {
    return this.items.find((o) => (o.metadata?.namespace ?? '') === namespace && o.metadata?.name === name);
  }
  getByKey(key: string): T | undefined {
    return this.items.find((o) => keyOf(o.metadata?.namespace ?? '', o.metadata?.name ?? '') === key);
  }
  list(namespace?: string): T[] {
    return this.items.filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
  }
  byIndex(): T[] {
    return [];
  }
  countByIndex(): number {
    return 0;
  }
}

/** A cluster whose caches hold `objects`; its client must not be needed by the decisions tested. */
function cluster(side: 'virtual' | 'host', objects: readonly KubeObject[]): ClusterAccess {
  const client = new Proxy({}, { get: () => () => Promise.reject(new Error(`unexpected ${side} client call`)) }) as unknown as KubeClient;
  return {
    side,
    client,
    cache<T extends ObjectLike>(ref: ResourceRef<T>): ObjectCache<T> {
      return new ListCache(objects.filter((o) => o.kind === ref.kind) as unknown as T[]);
    },
  };
}

function context(virtualObjects: readonly KubeObject[] = []): SyncContext {
  return {
    virtual: cluster('virtual', virtualObjects),
    host: cluster('host', []),
    names,
    config,
    virtualApiServer: { clusterIp: '10.0.0.1', port: 443 },
    events: { record: () => undefined },
    mappings: new MemoryMappingStore(),
    logger: noopLogger,
    clock: realClock,
    signal: new AbortController().signal,
  };
}

const syncer = podSyncer({ names, config, mappings: new MemoryMappingStore(), logger: noopLogger });
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } };
const now = '2024-01-01T00:00:00Z';
const VIRTUAL_NAME = { name: 'p', namespace: 'ns' };
const HOST_NAME = { name: 'p-x-ns-x-vc', namespace: 'vcluster-vc' };

function virtualPod(extra: { metadata?: Pod['metadata']; spec?: Partial<NonNullable<Pod['spec']>>; status?: Pod['status'] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', uid: 'v-uid', ...extra.metadata },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra.spec },
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

function hostPod(extra: { metadata?: Pod['metadata']; spec?: Partial<NonNullable<Pod['spec']>> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p-x-ns-x-vc',
      namespace: 'vcluster-vc',
      uid: 'h-uid',
      labels: { 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'ns' },
      annotations: {
        'vcluster.loft.sh/object-name': 'p',
        'vcluster.loft.sh/object-namespace': 'ns',
        'vcluster.loft.sh/object-uid': 'v-uid',
        'vcluster.loft.sh/object-kind': '/v1, Kind=Pod',
        'vcluster.loft.sh/object-host-name': 'p-x-ns-x-vc',
        'vcluster.loft.sh/object-host-namespace': 'vcluster-vc',
      },
      ...extra.metadata,
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra.spec },
  };
}

type Expect = Pick<SyncResult<Pod>, 'requeueAfterMs'> & { virtual?: string; host?: string; grace?: number };

function summary(result: SyncResult<Pod>): Expect {
  const grace = (i: SyncResult<Pod>['virtual']): number | undefined => (i?.op === 'delete' ? i.gracePeriodSeconds : undefined);
  const g = grace(result.virtual) ?? grace(result.host);
  return {
    ...(result.virtual === undefined ? {} : { virtual: result.virtual.op }),
    ...(result.host === undefined ? {} : { host: result.host.op }),
    ...(g === undefined ? {} : { grace: g }),
    ...(result.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs }),
  };
}

describe('pods syncer: deletion and node decisions (spec §3.1, §1.10)', () => {
  const toHostCases: { name: string; virtual: Pod; hostOld?: Pod; expected: Expect }[] = [
    { name: 'the host pod was deleted from outside: the virtual pod goes at once', virtual: virtualPod(), hostOld: hostPod(), expected: { virtual: 'delete', grace: 0 } },
    { name: 'a pod that already started is never started again', virtual: virtualPod({ status: { startTime: now } }), expected: { virtual: 'delete', grace: 0 } },
    { name: 'a virtual pod being deleted without host pod goes at once', virtual: virtualPod({ metadata: { name: 'p', deletionTimestamp: now } }), expected: { virtual: 'delete', grace: 0 } },
  ];
  for (const c of toHostCases) {
    it(`toHost: ${c.name}`, async () => {
      const result = await syncer.toHost(context(), { virtual: c.virtual, hostName: HOST_NAME, ...(c.hostOld === undefined ? {} : { hostOld: c.hostOld }) });
      assert.deepEqual(summary(result), c.expected);
    });
  }

  const syncCases: { name: string; virtual: Pod; host: Pod; nodes?: boolean; expected: Expect }[] = [
    {
      name: 'host pod terminating: the virtual pod is deleted with its own grace period',
      virtual: virtualPod({ spec: { terminationGracePeriodSeconds: 12 } }),
      host: hostPod({ metadata: { deletionTimestamp: now, deletionGracePeriodSeconds: 30 } }),
      expected: { virtual: 'delete', grace: 12 },
    },
    {
      name: 'host pod terminating faster than the virtual one: delete again with the host grace',
      virtual: virtualPod({ metadata: { name: 'p', deletionTimestamp: now, deletionGracePeriodSeconds: 30 } }),
      host: hostPod({ metadata: { deletionTimestamp: now, deletionGracePeriodSeconds: 0 } }),
      expected: { virtual: 'delete', grace: 0 },
    },
    {
      name: 'both terminating alike: the status keeps flowing',
      virtual: virtualPod({ metadata: { name: 'p', deletionTimestamp: now, deletionGracePeriodSeconds: 30 } }),
      host: hostPod({ metadata: { deletionTimestamp: now, deletionGracePeriodSeconds: 30 } }),
      expected: { virtual: 'update' },
    },
    {
      name: 'virtual pod terminating: the host pod gets the same grace period',
      virtual: virtualPod({ metadata: { name: 'p', deletionTimestamp: now, deletionGracePeriodSeconds: 7 } }),
      host: hostPod(),
      expected: { host: 'delete', grace: 7 },
    },
    {
      name: 'the pods disagree about their node: the virtual pod goes',
      virtual: virtualPod({ spec: { nodeName: 'other' } }),
      host: hostPod({ spec: { nodeName: 'n1' } }),
      nodes: true,
      expected: { virtual: 'delete' },
    },
    {
      name: 'the virtual pod has a node the host pod lacks: deleted with 30 s',
      virtual: virtualPod({ spec: { nodeName: 'n1' } }),
      host: hostPod(),
      expected: { virtual: 'delete', grace: 30 },
    },
    {
      name: 'the node is not in the virtual cluster yet: look again soon',
      virtual: virtualPod(),
      host: hostPod({ spec: { nodeName: 'n1' } }),
      expected: { requeueAfterMs: 1000 },
    },
    {
      name: 'same node on both sides: spec and status are synced',
      virtual: virtualPod({ spec: { nodeName: 'n1' } }),
      host: hostPod({ spec: { nodeName: 'n1' } }),
      nodes: true,
      expected: { virtual: 'update', host: 'update' },
    },
  ];
  for (const c of syncCases) {
    it(`sync: ${c.name}`, async () => {
      const ctx = context(c.nodes === true ? [node, namespace] : [namespace]);
      assert.deepEqual(summary(await syncer.sync(ctx, { virtual: c.virtual, host: c.host, virtualName: VIRTUAL_NAME, hostName: HOST_NAME })), c.expected);
    });
  }

  const toVirtualCases: { name: string; host: Pod; virtualOld?: Pod; expected: Expect }[] = [
    { name: 'the virtual pod was deleted: the host pod goes', host: hostPod(), virtualOld: virtualPod(), expected: { host: 'delete' } },
    { name: 'a host pod clearly written by vcluster ≥ 0.21 goes even after a restart', host: hostPod(), expected: { host: 'delete' } },
    { name: 'a host pod already terminating is left to finish', host: hostPod({ metadata: { deletionTimestamp: now } }), virtualOld: virtualPod(), expected: {} },
    {
      name: 'a host pod of an older vcluster (no kind annotation) is imported',
      host: hostPod({ metadata: { annotations: { 'vcluster.loft.sh/object-name': 'p', 'vcluster.loft.sh/object-namespace': 'ns' } }, spec: { nodeName: 'n1' } }),
      expected: { virtual: 'create' },
    },
  ];
  for (const c of toVirtualCases) {
    it(`toVirtual: ${c.name}`, async () => {
      const result = await syncer.toVirtual(context(), { host: c.host, virtualName: VIRTUAL_NAME, ...(c.virtualOld === undefined ? {} : { virtualOld: c.virtualOld }) });
      assert.deepEqual(summary(result), c.expected);
      if (result.virtual?.op === 'create') {
        assert.equal(result.virtual.object.spec?.nodeName, undefined);
        assert.deepEqual([result.virtual.object.metadata?.name, result.virtual.object.metadata?.namespace], ['p', 'ns']);
      }
    });
  }
});
