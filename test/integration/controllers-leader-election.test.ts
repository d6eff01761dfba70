// Two controller managers with leader election on one API server: one runs the controllers at a
// time, a stopped leader hands over, a leader process killed with SIGKILL is replaced, and no
// reconcile ever runs in both at once.
//
// Run with VCLUSTER_TEST_CM_CHILD set, this file is the child process of the SIGKILL test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { clientFromKubeconfig, createClient, resources, type KubeClient } from '../../src/client/index.js';
import { startControllerManager, type ReconcileEvent, type RunningControllerManager } from '../../src/controllers/index.js';
import { CORE_CONTROLLERS } from './controllers-harness.js';

/** Short durations keep the test quick; the ratios are kube-controller-manager's (15/10/2). */
const TIMING = { leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 400 };

interface ChildConfig {
  readonly kubeconfig: string;
  readonly lease: string;
}

function start(client: KubeClient, identity: string, lease: string, caPem: string, onReconcile?: (e: ReconcileEvent) => void): { cm: RunningControllerManager; stop: AbortController } {
  const stop = new AbortController();
  const cm = startControllerManager(
    { client, rootCaPem: caPem, enabled: CORE_CONTROLLERS, leaderElection: { namespace: 'kube-system', name: lease, identity, ...TIMING }, tuning: { namespaceDeletionDelayMs: 0 }, ...(onReconcile ? { onReconcile } : {}) },
    stop.signal,
  );
  return { cm, stop };
}

const childConfig = process.env.VCLUSTER_TEST_CM_CHILD;
if (childConfig !== undefined) {
  const config = JSON.parse(childConfig) as ChildConfig;
  const client = await clientFromKubeconfig(config.kubeconfig);
  await start(client, 'child', config.lease, 'child-ca').cm.done;
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

  /** Reconciles in progress per manager; an overlap is a reconcile starting while another manager has one running. */
  class Tracker {
    readonly overlaps: string[] = [];
    readonly counts = new Map<string, number>();
    private readonly active = new Map<string, number>();
    observer(who: string): (e: ReconcileEvent) => void {
      return (e) => {
        const n = this.active.get(who) ?? 0;
        if (e.phase === 'start') {
          for (const [other, m] of this.active) if (other !== who && m > 0) this.overlaps.push(`${who} started ${e.controller} ${e.key} while ${other} was reconciling`);
          this.active.set(who, n + 1);
          this.counts.set(who, (this.counts.get(who) ?? 0) + 1);
        } else this.active.set(who, n - 1);
      };
    }
  }

  const hasDefaultSa = async (ns: string): Promise<boolean> => (await admin.get(resources.serviceAccounts, 'default', { namespace: ns })) !== undefined;
  const holder = async (lease: string): Promise<string | undefined> => (await admin.get(resources.leases, lease, { namespace: 'kube-system' }))?.spec?.holderIdentity;

  describe('controller manager leader election', () => {
    it('runs the controllers in one manager at a time and hands over when the leader stops', async () => {
      const tracker = new Tracker();
      const clients = { a: connect(), b: connect() };
      const a = start(clients.a, 'a', 'kcm-handover', api.caPem, tracker.observer('a'));
      await waitFor(() => a.cm.isLeader(), { what: 'a to lead' });
      const b = start(clients.b, 'b', 'kcm-handover', api.caPem, tracker.observer('b'));
      let twoLeaders = false;
      const watching = new AbortController();
      const watcher = (async () => {
        while (!watching.signal.aborted) {
          if (a.cm.isLeader() && b.cm.isLeader()) twoLeaders = true;
          await sleep(5);
        }
      })();

      await admin.create(resources.namespaces, { metadata: { name: 'le-one' } });
      await waitFor(() => hasDefaultSa('le-one'), { what: 'the leader to create the default SA' });
      assert.equal(b.cm.isLeader(), false);
      assert.equal(tracker.counts.get('b') ?? 0, 0, 'the follower reconciled nothing');
      assert.ok((tracker.counts.get('a') ?? 0) > 0);

      a.stop.abort();
      await a.cm.done;
      await waitFor(() => b.cm.isLeader(), { what: 'b to lead once a released the lease' });
      assert.equal(await holder('kcm-handover'), 'b');
      await admin.create(resources.namespaces, { metadata: { name: 'le-two' } });
      await waitFor(() => hasDefaultSa('le-two'), { what: 'the new leader to create the default SA' });
      assert.ok((tracker.counts.get('b') ?? 0) > 0);

      watching.abort();
      await watcher;
      b.stop.abort();
      await b.cm.done;
      await Promise.all([clients.a.close(), clients.b.close()]);
      assert.equal(twoLeaders, false, 'two managers led at once');
      assert.deepEqual(tracker.overlaps, [], 'reconciles ran in two managers at once');
    });

    it('replaces a leader process killed with SIGKILL', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, VCLUSTER_TEST_CM_CHILD: JSON.stringify({ kubeconfig: api.kubeconfigPath, lease: 'kcm-kill' } satisfies ChildConfig) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        child.on('exit', (_code, signal) => {
          resolve(signal);
        });
      });
      const parentClient = connect();
      let parent: ReturnType<typeof start> | undefined;
      try {
        await waitFor(async () => (await holder('kcm-kill')) === 'child', { what: `the child to lead (${stderr})`, timeoutMs: 60_000 });
        await admin.create(resources.namespaces, { metadata: { name: 'le-child' } });
        await waitFor(async () => (await admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'le-child' }))?.data?.['ca.crt'] === 'child-ca', { what: 'the child to publish its CA' });

        parent = start(parentClient, 'parent', 'kcm-kill', api.caPem);
        await sleep(1000);
        assert.equal(parent.cm.isLeader(), false, 'the child still holds the lease');

        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL');
        await waitFor(() => parent?.cm.isLeader() === true, { what: 'the parent to take over' });
        await admin.create(resources.namespaces, { metadata: { name: 'le-parent' } });
        await waitFor(() => hasDefaultSa('le-parent'), { what: 'the parent to create the default SA' });
        // The new leader puts right what the old one did differently.
        await waitFor(async () => (await admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'le-child' }))?.data?.['ca.crt'] === api.caPem, { what: 'the parent to publish its CA' });
        const lease = (await admin.get(resources.leases, 'kcm-kill', { namespace: 'kube-system' }))?.spec;
        assert.equal(lease?.holderIdentity, 'parent');
        assert.equal(lease.leaseTransitions, 1);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        parent?.stop.abort();
        await parent?.cm.done;
        await parentClient.close();
      }
    });
  });
}
