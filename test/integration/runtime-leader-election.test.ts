// Leader election between controller managers on our API server: one leads at a time, a stopped
// leader hands over at once, a leader cut off from the server stops before another starts, and a
// leader process killed with SIGKILL is replaced. A reconcile of one key never runs twice at once.
//
// Run with VCLUSTER_TEST_LEADER_CHILD set, this file is the child process of the SIGKILL test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { clientFromKubeconfig, createClient, resources, splitKey, type KubeClient } from '../../src/client/index.js';
import { Controller, Manager } from '../../src/runtime/index.js';

/** Short durations keep the test quick; the ratios are client-go's (15/10/2). */
const TIMING = { leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 400 };

interface ChildConfig {
  readonly kubeconfig: string;
  readonly namespace: string;
  readonly lease: string;
}

/** Records reconciles in progress per key, across managers, and every overlap. */
class Tracker {
  readonly overlaps: string[] = [];
  private readonly active = new Map<string, string>();
  enter(key: string, who: string): void {
    const other = this.active.get(key);
    if (other !== undefined) this.overlaps.push(`${key}: ${other} and ${who}`);
    this.active.set(key, who);
  }
  leave(key: string): void {
    this.active.delete(key);
  }
}

/**
 * A manager whose controller stamps each ConfigMap with who reconciled it and which `v` it saw.
 * The reconcile is deliberately slow so that overlapping leaders would be caught.
 */
function startManager(client: KubeClient, identity: string, namespace: string, lease: string, tracker?: Tracker): { manager: Manager; stop: AbortController; done: Promise<void> } {
  const manager = new Manager({ client, leaderElection: { namespace: 'default', name: lease, identity, ...TIMING } });
  const informer = manager.informer(resources.configMaps, { namespace });
  const controller = new Controller({
    name: 'stamp',
    workers: 4,
    drainMs: 0,
    reconcile: async (key, signal) => {
      tracker?.enter(key, identity);
      try {
        const { namespace: ns, name } = splitKey(key);
        const cm = informer.get(ns, name);
        if (!cm) return;
        await sleep(30, undefined, { signal });
        const v = cm.data?.v ?? '';
        if (cm.metadata?.annotations?.['reconciled-by'] === identity && cm.metadata.annotations['seen-v'] === v) return;
        await client.patch(resources.configMaps, name, { metadata: { annotations: { 'reconciled-by': identity, 'seen-v': v } } }, { type: 'merge', namespace: ns, signal });
      } finally {
        tracker?.leave(key);
      }
    },
  }).watch(informer);
  manager.add(controller);
  const stop = new AbortController();
  const done = manager.start(stop.signal);
  return { manager, stop, done };
}

async function runChild(config: ChildConfig): Promise<void> {
  const client = await clientFromKubeconfig(config.kubeconfig);
  const { done } = startManager(client, 'child', config.namespace, config.lease);
  await done;
}

const childConfig = process.env.VCLUSTER_TEST_LEADER_CHILD;
if (childConfig !== undefined) {
  await runChild(JSON.parse(childConfig) as ChildConfig);
} else {
  const { startTestApiServer } = await import('../support/apiserver.js');
  const { waitFor } = await import('../support/wait.js');
  type Api = Awaited<ReturnType<typeof startTestApiServer>>;

  let api: Api;
  let admin: KubeClient;
  const connect = (): KubeClient => createClient({ server: api.url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem });
  before(async () => {
    api = await startTestApiServer({ storage: 'sqlite' });
    admin = connect();
  });
  after(async () => {
    await admin.close();
    await api.stop();
  });

  const stampedBy = async (namespace: string, who: string): Promise<boolean> => {
    const list = await admin.list(resources.configMaps, { namespace, labelSelector: 'stamp=yes' });
    return list.items.length > 0 && list.items.every((cm: ConfigMap) => cm.metadata?.annotations?.['reconciled-by'] === who && cm.metadata.annotations['seen-v'] === cm.data?.v);
  };
  const setUp = async (namespace: string, count: number): Promise<void> => {
    await admin.create(resources.namespaces, { metadata: { name: namespace } });
    for (let i = 0; i < count; i++) await admin.create(resources.configMaps, { metadata: { name: `k-${i}`, namespace, labels: { stamp: 'yes' } }, data: { v: '0' } });
  };

  describe('leader election', () => {
    it('hands over on stop and on a cut-off leader, never reconciling one key twice at once', async () => {
      const ns = 'le-handover';
      await setUp(ns, 6);
      const tracker = new Tracker();
      const leaders: string[] = [];
      const clients = { a: connect(), b: connect(), a2: connect() };
      const a = startManager(clients.a, 'a', ns, 'handover', tracker);
      await waitFor(() => a.manager.isLeader(), { what: 'a to lead' });
      const b = startManager(clients.b, 'b', ns, 'handover', tracker);
      const managers = new Map([['a', a.manager], ['b', b.manager]]);
      // Watch for two leaders at once, and keep the objects changing throughout.
      const watching = new AbortController();
      const watcher = (async () => {
        while (!watching.signal.aborted) {
          const now = [...managers].filter(([, m]) => m.isLeader()).map(([id]) => id);
          if (now.length > 1) leaders.push(now.join('+'));
          await sleep(5);
        }
      })();
      let v = 0;
      const churn = (async () => {
        while (!watching.signal.aborted) {
          v++;
          await admin.patch(resources.configMaps, `k-${v % 6}`, { data: { v: String(v) } }, { type: 'merge', namespace: ns });
          await sleep(40);
        }
      })();

      await waitFor(() => stampedBy(ns, 'a'), { what: 'a to reconcile everything' });
      assert.equal(b.manager.isLeader(), false);

      // A normal stop releases the lease: b takes over without waiting for it to expire.
      a.stop.abort();
      await a.done;
      await waitFor(() => b.manager.isLeader(), { what: 'b to lead after a released the lease' });
      await waitFor(() => stampedBy(ns, 'b'), { what: 'b to reconcile everything' });

      // b loses its connection (no release possible): it stops leading at the renew deadline,
      // and only then, after the lease expires, the new candidate starts.
      const a2 = startManager(clients.a2, 'a2', ns, 'handover', tracker);
      managers.set('a2', a2.manager);
      await sleep(1000);
      assert.equal(a2.manager.isLeader(), false);
      await clients.b.close();
      await waitFor(() => a2.manager.isLeader(), { what: 'a2 to lead after b was cut off', timeoutMs: 60_000 });
      assert.equal(b.manager.isLeader(), false);
      watching.abort();
      await Promise.all([watcher, churn]);
      await waitFor(() => stampedBy(ns, 'a2'), { what: 'a2 to reconcile everything' });

      const lease = (await admin.get(resources.leases, 'handover', { namespace: 'default' }))?.spec ?? {};
      assert.equal(lease.holderIdentity, 'a2');
      assert.ok((lease.leaseTransitions ?? 0) >= 2);
      assert.match(lease.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

      b.stop.abort();
      a2.stop.abort();
      await Promise.all([b.done, a2.done]);
      await Promise.all([clients.a.close(), clients.a2.close()]);
      assert.deepEqual(leaders, [], 'two managers led at once');
      assert.deepEqual(tracker.overlaps, [], 'a key was reconciled twice at once');
    });

    it('replaces a leader process killed with SIGKILL', async () => {
      const ns = 'le-kill';
      await setUp(ns, 3);
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, VCLUSTER_TEST_LEADER_CHILD: JSON.stringify({ kubeconfig: api.kubeconfigPath, namespace: ns, lease: 'kill' } satisfies ChildConfig) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        child.on('exit', (_code, signal) => {
          resolve(signal);
        });
      });
      try {
        await waitFor(async () => (await admin.get(resources.leases, 'kill', { namespace: 'default' }))?.spec?.holderIdentity === 'child', { what: `the child to lead (${stderr})` });
        await waitFor(() => stampedBy(ns, 'child'), { what: 'the child to reconcile everything' });
        const parentClient = connect();
        const parent = startManager(parentClient, 'parent', ns, 'kill');
        await sleep(1000);
        assert.equal(parent.manager.isLeader(), false, 'the child still holds the lease');

        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL');
        await waitFor(() => parent.manager.isLeader(), { what: 'the parent to take over' });
        await admin.patch(resources.configMaps, 'k-0', { data: { v: 'after' } }, { type: 'merge', namespace: ns });
        await waitFor(() => stampedBy(ns, 'parent'), { what: 'the parent to reconcile everything' });
        const lease = (await admin.get(resources.leases, 'kill', { namespace: 'default' }))?.spec ?? {};
        assert.equal(lease.holderIdentity, 'parent');
        assert.equal(lease.leaseTransitions, 1);
        parent.stop.abort();
        await parent.done;
        await parentClient.close();
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  });
}
