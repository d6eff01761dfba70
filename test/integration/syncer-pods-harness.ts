// A virtual cluster synced into a host for the pod-side syncer tests: two of our API servers on
// loopback (virtual and host), the virtual cluster's controllers, `startSyncer` between them, the
// real kubectl against the virtual cluster, and — while no embedded host is available to the
// tests — a small stand-in for the host's scheduler, kubelet and volume provisioner that acts on
// the host API only, as those components would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { buildKubeconfig } from '../../src/api/kubeconfig.js';
import { isConflict, isNotFound } from '../../src/api/status.js';
import { createApiServer, decorateResourceVersion, loadOrCreatePki, type ApiServer, type PodLogProvider } from '../../src/apiserver/index.js';
import { inProcessClient, resources, type KubeClient } from '../../src/client/index.js';
import { parseConfig } from '../../src/config/index.js';
import { CONTROLLERS, startControllerManager, type RunningControllerManager } from '../../src/controllers/index.js';
import { openMemoryStore, type Store } from '../../src/storage/index.js';
import { startSyncer, type RunningSyncer } from '../../src/syncer/index.js';
import { podLogProvider } from '../../src/syncer/resources/pods-logs.js';
import { kubectl, type KubectlResult } from '../support/apiserver.js';

export const HOST_NODE = 'host-node-1';
export const HOST_IP = '192.168.0.10';

const debugLog = (level: string) => (fields: object, message?: string): void => {
  process.stderr.write(`[syncer ${level}] ${message ?? ''} ${JSON.stringify(fields)}\n`);
};
/** `SYNCER_DEBUG=1` prints the syncer's log. */
const debugLogger = { debug: debugLog('debug'), info: debugLog('info'), warn: debugLog('warn'), error: debugLog('error') };

export interface Server {
  readonly url: string;
  readonly kubeconfigPath: string;
  readonly caPem: string;
  readonly server: ApiServer;
  /** An in-process admin client. */
  readonly admin: KubeClient;
  stop(): Promise<void>;
}

async function startServer(podLogs?: PodLogProvider): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-pods-'));
  const pki = loadOrCreatePki(dir);
  const storage: Store = openMemoryStore({ decorate: decorateResourceVersion, progressIntervalMs: 1000 });
  const server = createApiServer({
    storage,
    pki,
    staticTokens: new Map([[pki.adminToken, { name: 'kubernetes-admin', groups: ['system:masters'] }]]),
    ...(podLogs === undefined ? {} : { podLogs }),
  });
  const address = await server.listen(0, '127.0.0.1');
  await server.start({ advertiseAddress: '127.0.0.1', advertisePort: address.port });
  const url = `https://127.0.0.1:${address.port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, buildKubeconfig({ name: 'test', server: url, caPem: pki.ca.cert, user: { clientCertPem: pki.admin.cert, clientKeyPem: pki.admin.key }, namespace: 'default' }));
  const admin = inProcessClient(server.handle, { user: { name: 'admin', groups: ['system:masters'] } });
  return {
    url,
    kubeconfigPath,
    caPem: pki.ca.cert,
    server,
    admin,
    async stop() {
      await admin.close();
      await server.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the simulated kubelet prints for a container. */
export function simulatedLog(hostPod: string, container: string): string {
  return `line 1 of ${hostPod}/${container}\nline 2 of ${hostPod}/${container}\n`;
}

const hostLogs: PodLogProvider = (pod, options) => Promise.resolve(simulatedLog(pod.metadata?.name ?? '', options.container));

function stopped(signal: AbortSignal): boolean {
  return signal.aborted;
}

async function ignoreGone(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (e) {
    if (!isNotFound(e) && !isConflict(e)) throw e;
  }
}

/**
 * The host's scheduler, kubelet and volume provisioner, reduced to what the syncer observes:
 * pods are bound to a node, then run (status, IPs, an event), terminate when deleted; claims are
 * bound to a provisioned volume.
 */
class HostSimulator {
  private ip = 10;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.step();
      } catch (e) {
        // A request cut short by the test ending is no failure.
        if (!stopped(signal)) process.stderr.write(`host simulator: ${e instanceof Error ? e.message : String(e)}\n`);
      }
      await sleep(50, undefined, { signal }).catch(() => undefined);
    }
  }

  private async step(): Promise<void> {
    const pods = await this.client.list(resources.pods, { namespace: this.namespace });
    for (const pod of pods.items) await this.pod(pod);
    const claims = await this.client.list(resources.persistentVolumeClaims, { namespace: this.namespace });
    for (const claim of claims.items) await this.claim(claim);
  }

  private async pod(pod: Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp !== undefined) {
      await ignoreGone(this.client.delete(resources.pods, name, { namespace: this.namespace, gracePeriodSeconds: 0 }));
      return;
    }
    if ((pod.spec?.nodeName ?? '') === '') {
      // Like a scheduler honouring a hostname selector; everything else lands on one node.
      const node = pod.spec?.nodeSelector?.['kubernetes.io/hostname'] ?? HOST_NODE;
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
      await ignoreGone(this.client.createSubresource(resources.pods, name, 'binding', binding, { namespace: this.namespace }));
      return;
    }
    if (pod.status?.phase === 'Running') return;
    const now = `${new Date().toISOString().slice(0, 19)}Z`;
    const ip = `10.244.0.${this.ip++}`;
    const condition = (type: string): { type: string; status: string; lastTransitionTime: string } => ({ type, status: 'True', lastTransitionTime: now });
    const status = {
      phase: 'Running',
      hostIP: HOST_IP,
      hostIPs: [{ ip: HOST_IP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      qosClass: 'BestEffort',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
      containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: `${c.image ?? ''}@sha256:0`,
        containerID: `containerd://${name}-${c.name}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    };
    await ignoreGone(this.client.updateStatus(resources.pods, { ...pod, status }));
    await ignoreGone(
      this.client.create(resources.events, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.started${this.ip}`, namespace: this.namespace },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name, namespace: this.namespace, uid: pod.metadata?.uid ?? '' },
        reason: 'Started',
        message: 'Started container by the simulated kubelet',
        type: 'Normal',
        source: { component: 'kubelet', host: pod.spec?.nodeName ?? HOST_NODE },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      }),
    );
  }

  private async claim(claim: PersistentVolumeClaim): Promise<void> {
    if ((claim.spec?.volumeName ?? '') !== '' || claim.metadata?.deletionTimestamp !== undefined) return;
    const volume = `pvc-${claim.metadata?.uid ?? ''}`;
    await ignoreGone(
      this.client.create(resources.persistentVolumes, {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: volume },
        spec: {
          capacity: { storage: claim.spec?.resources?.requests?.storage ?? '1Gi' },
          accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'],
          hostPath: { path: `/tmp/${volume}` },
          persistentVolumeReclaimPolicy: 'Delete',
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: this.namespace, name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '' },
        },
      }),
    );
    const bound = await this.client.update(resources.persistentVolumeClaims, {
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...claim.metadata?.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } },
      spec: { ...claim.spec, volumeName: volume },
    });
    await ignoreGone(
      this.client.updateStatus(resources.persistentVolumeClaims, {
        ...bound,
        status: { phase: 'Bound', accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage: claim.spec?.resources?.requests?.storage ?? '1Gi' } },
      }),
    );
  }
}

export interface PodsCluster {
  readonly host: Server;
  readonly virtual: Server;
  readonly vclusterName: string;
  readonly hostNamespace: string;
  readonly syncer: RunningSyncer;
  /** The real kubectl against the virtual cluster. */
  kubectl(args: readonly string[], input?: string): Promise<KubectlResult>;
  kubectlOk(args: readonly string[], input?: string): Promise<string>;
  /** Is a virtual controller of that name available? */
  hasController(name: string): boolean;
  /** Starts the syncer again (after `stopSyncer`). */
  restartSyncer(): Promise<void>;
  stopSyncer(): Promise<void>;
  close(): Promise<void>;
}

export interface PodsClusterOptions {
  /** vcluster.yaml text. */
  readonly config?: string;
  readonly vclusterName?: string;
}

export async function startPodsCluster(options: PodsClusterOptions = {}): Promise<PodsCluster> {
  const vclusterName = options.vclusterName ?? 'vc';
  const hostNamespace = `vcluster-${vclusterName}`;
  const config = parseConfig(options.config ?? 'sync:\n  toHost:\n    pods:\n      enabled: true\n').config;
  let running: RunningSyncer | undefined;
  const host = await startServer(hostLogs);
  const virtual = await startServer(podLogProvider(() => running?.podLogs));
  const stop = new AbortController();

  // What `vcluster create` puts on the host: the namespace and the vcluster's own Service.
  await host.admin.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: hostNamespace } });
  const service = await host.admin.create(resources.services, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: vclusterName, namespace: hostNamespace },
    spec: { ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] },
  });

  const controllerClient = inProcessClient(virtual.server.handle, { user: { name: 'system:kube-controller-manager', groups: ['system:masters'] } });
  const controllers: RunningControllerManager = startControllerManager(
    { client: controllerClient, rootCaPem: virtual.caPem, enabled: ['*'], tuning: { namespaceDeletionDelayMs: 0 } },
    stop.signal,
  );
  const simulator = new HostSimulator(host.admin, hostNamespace);
  const simulating = simulator.run(stop.signal);

  let syncerAbort = new AbortController();
  const start = async (): Promise<void> => {
    syncerAbort = new AbortController();
    running = startSyncer(
      {
        virtual: virtual.admin,
        host: host.admin,
        config,
        vclusterName,
        hostNamespace,
        hostService: { name: vclusterName, uid: service.metadata?.uid ?? '' },
        virtualApiServer: { port: 443 },
        ...(process.env.SYNCER_DEBUG === '1' ? { logger: debugLogger } : {}),
      },
      syncerAbort.signal,
    );
    await running.ready;
  };
  await start();

  const cacheDir = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
  const run = (args: readonly string[], input?: string): Promise<KubectlResult> =>
    kubectl(args, { kubeconfig: virtual.kubeconfigPath, cacheDir, ...(input === undefined ? {} : { input }), timeoutMs: 120_000 });
  return {
    host,
    virtual,
    vclusterName,
    hostNamespace,
    get syncer(): RunningSyncer {
      if (running === undefined) throw new Error('the syncer is not running');
      return running;
    },
    kubectl: run,
    async kubectlOk(args, input) {
      const result = await run(args, input);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    hasController: (name) => CONTROLLERS.some((c) => c.name === name || c.aliases.includes(name)),
    restartSyncer: start,
    async stopSyncer() {
      syncerAbort.abort();
      await running?.done;
      running = undefined;
    },
    async close() {
      syncerAbort.abort();
      await running?.done.catch(() => undefined);
      stop.abort();
      await controllers.done;
      await simulating;
      await controllerClient.close();
      await virtual.stop();
      await host.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
