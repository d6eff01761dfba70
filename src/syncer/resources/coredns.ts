/**
 * The virtual cluster's DNS — applied to the virtual cluster at start-up as upstream does
 * (`pkg/setup/controllers.go` → `coredns.ApplyManifest`); from then on its Deployment, pods and
 * Service are ordinary virtual objects that the syncers copy to the host.
 */
import { describeError, resources, type KubeClient, type ObjectLike, type ResourceRef } from '../../client/index.js';
import type { SyncContext, SyncerTask } from '../types.js';
import { coreDnsManifests, DEFAULT_COREDNS_ID, type CoreDnsOptions } from './coredns.translate.js';

/** The field manager upstream's applier uses. */
export const FIELD_MANAGER = 'vcluster';
const RETRY_MS = 2000;

function processId(read: (() => number) | undefined): number {
  const id = read?.() ?? DEFAULT_COREDNS_ID;
  return id === 0 ? DEFAULT_COREDNS_ID : id;
}

interface VersionInfo {
  readonly major?: string;
  readonly minor?: string;
}

/** `major.minor` of the virtual API server (`/version`), e.g. `1.32`; `''` if unknown. */
export async function serverVersion(client: KubeClient, signal: AbortSignal): Promise<string> {
  const response = await client.request({ method: 'GET', path: '/version', signal });
  const info = await response.json<VersionInfo>();
  const minor = (info.minor ?? '').replace(/\D+$/, '');
  return info.major === undefined || minor === '' ? '' : `${info.major}.${minor}`;
}

/** Applies every CoreDNS object to the virtual cluster (server-side apply, our values win). */
export async function applyCoreDns(client: KubeClient, options: CoreDnsOptions, signal: AbortSignal): Promise<void> {
  const m = coreDnsManifests(options);
  const objects: readonly (readonly [ResourceRef<ObjectLike>, ObjectLike])[] = [
    [resources.serviceAccounts, m.serviceAccount],
    [resources.clusterRoles, m.clusterRole],
    [resources.clusterRoleBindings, m.clusterRoleBinding],
    [resources.configMaps, m.configMap],
    [resources.deployments, m.deployment],
    [resources.services, m.service],
  ];
  for (const [ref, object] of objects) await client.apply(ref, object, { fieldManager: FIELD_MANAGER, force: true, signal });
}

export interface CoreDnsTaskOptions {
  /** `controlPlane.advanced.defaultImageRegistry`; empty for docker.io. */
  readonly defaultImageRegistry?: string;
}

/** Deploys CoreDNS once the syncer runs, retrying until the virtual cluster accepts it. */
export function coreDnsTask(options: CoreDnsTaskOptions = {}): SyncerTask {
  return {
    type: 'task',
    name: 'coredns',
    async run(ctx: SyncContext, signal: AbortSignal): Promise<void> {
      for (;;) {
        try {
          const version = await serverVersion(ctx.virtual.client, signal);
          await applyCoreDns(
            ctx.virtual.client,
            {
              clusterDomain: ctx.config.networking.clusterDomain,
              proxyKubeletsByHostname: ctx.config.networking.proxyKubelets.byHostname,
              kubernetesVersion: version,
              defaultImageRegistry: options.defaultImageRegistry ?? '',
              runAsUser: processId(process.getuid),
              runAsGroup: processId(process.getgid),
            },
            signal,
          );
          ctx.logger.info({}, 'applied the virtual cluster DNS (CoreDNS)');
          return;
        } catch (e) {
          if (signal.aborted) return;
          ctx.logger.warn({ error: describeError(e) }, 'applying CoreDNS failed; retrying');
          if (!(await ctx.clock.sleep(RETRY_MS, signal))) return;
        }
      }
    },
  };
}
