// A control plane for the controller tests: our API server on loopback, the controller manager
// in-process, an admin client and the real kubectl.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientFromKubeconfig, inProcessClient, type KubeClient } from '../../src/client/index.js';
import { startControllerManager, type ControllerManagerOptions, type RunningControllerManager } from '../../src/controllers/index.js';
import { kubectl, startTestApiServer, type KubectlResult, type StorageKind, type TestApiServer } from '../support/apiserver.js';

/** The controllers of this helper's scope (the workload controllers are tested elsewhere). */
export const CORE_CONTROLLERS = ['namespace', 'garbagecollector', 'serviceaccount', 'root-ca-cert-publisher', 'endpoint', 'endpointslice'];

export interface ControlPlane {
  readonly api: TestApiServer;
  /** An independent client over HTTPS, as a user. */
  readonly admin: KubeClient;
  readonly controllers: RunningControllerManager;
  kubectl(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** kubectl that must succeed; returns its stdout. */
  kubectlOk(args: readonly string[], input?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startControlPlane(options: { storage?: StorageKind; manager?: Partial<Omit<ControllerManagerOptions, 'client' | 'rootCaPem'>> } = {}): Promise<ControlPlane> {
  const api = await startTestApiServer({ storage: options.storage ?? 'memory' });
  const client = inProcessClient(api.handler, { user: { name: 'system:kube-controller-manager', groups: ['system:masters'] } });
  const admin = await clientFromKubeconfig(api.kubeconfigPath);
  const stop = new AbortController();
  const controllers = startControllerManager(
    {
      client,
      rootCaPem: api.caPem,
      enabled: CORE_CONTROLLERS,
      // No HA API servers here: the namespace controller need not wait for their caches.
      tuning: { namespaceDeletionDelayMs: 0 },
      ...options.manager,
    },
    stop.signal,
  );
  const cacheDir = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
  const run = (args: readonly string[], input?: string): Promise<KubectlResult> => kubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir, ...(input !== undefined ? { input } : {}), timeoutMs: 120_000 });
  return {
    api,
    admin,
    controllers,
    kubectl: run,
    async kubectlOk(args, input) {
      const result = await run(args, input);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    async close() {
      stop.abort();
      await controllers.done;
      await client.close();
      await admin.close();
      await api.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** A CustomResourceDefinition for `widgets.example.com` (namespaced) or `gadgets.example.com` (cluster-scoped). */
export function crd(plural: 'widgets' | 'gadgets'): object {
  const kind = plural === 'widgets' ? 'Widget' : 'Gadget';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope: plural === 'widgets' ? 'Namespaced' : 'Cluster',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}
