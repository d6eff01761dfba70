/**
 * What the pod translation reads from the two clusters (upstream `getK8sIPDNSIPServiceList`): the
 * virtual Namespace's labels and Services, the IP of the vcluster's host Service (the virtual API
 * server as pods reach it) and the host IP of the virtual cluster's DNS Service.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { resources } from '../../client/index.js';
import { currentNamespaceOf, hostName } from '../names.js';
import type { SyncContext } from '../types.js';
import { DNS_NAMESPACE, DNS_SERVICE_NAME } from './coredns.translate.js';

export interface PodEnvironment {
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly services: readonly Service[];
  readonly kubeIP: string;
  readonly dnsIP: string;
}

/** Why a pod cannot be translated yet (the sync is retried shortly). */
export interface Waiting {
  readonly waiting: string;
}

function usableIp(service: Service | undefined): string {
  const ip = service?.spec?.clusterIP ?? '';
  return ip === 'None' ? '' : ip;
}

/** Does the pod resolve names through the cluster DNS (so it needs the DNS Service's IP)? */
export function usesClusterDns(pod: Pod): boolean {
  const policy = pod.spec?.dnsPolicy ?? '';
  return policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && pod.spec?.hostNetwork !== true);
}

/** How long a missing vcluster host Service is not looked up again. */
const SERVICE_RECHECK_MS = 30_000;

/**
 * The vcluster Service's cluster IP (upstream reads the host Service named after the vcluster in
 * the control plane's namespace; remembered once found, it never changes); until it exists, the
 * address the engine was given.
 */
export class KubeIpLookup {
  private known: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  async get(ctx: SyncContext): Promise<string> {
    if (this.known !== undefined) return this.known;
    const now = ctx.clock.now();
    if (now - this.checkedAt >= SERVICE_RECHECK_MS) {
      this.checkedAt = now;
      const service = await ctx.host.client.get(resources.services, ctx.names.vclusterName, {
        namespace: currentNamespaceOf(ctx.names),
        signal: ctx.signal,
      });
      const ip = usableIp(service);
      if (ip !== '') {
        this.known = ip;
        return ip;
      }
    }
    return ctx.virtualApiServer.clusterIp ?? '';
  }
}

/** The host IP of the virtual `kube-system/kube-dns` Service (synced by the services syncer). */
export function dnsServiceIp(ctx: SyncContext): string {
  const name = hostName(ctx.names, DNS_SERVICE_NAME, DNS_NAMESPACE);
  return usableIp(ctx.host.cache(resources.services).get(name.namespace, name.name));
}

export async function podEnvironment(ctx: SyncContext, pod: Pod, kubeIp: KubeIpLookup): Promise<PodEnvironment | Waiting> {
  const namespace = pod.metadata?.namespace ?? '';
  const kubeIP = await kubeIp.get(ctx);
  if (kubeIP === '') return { waiting: `waiting for the cluster IP of host service ${currentNamespaceOf(ctx.names)}/${ctx.names.vclusterName}` };
  const dnsIP = dnsServiceIp(ctx);
  if (dnsIP === '' && usesClusterDns(pod)) return { waiting: 'waiting for DNS service IP' };
  return {
    namespaceLabels: ctx.virtual.cache(resources.namespaces).get('', namespace)?.metadata?.labels ?? {},
    services: ctx.virtual.cache(resources.services).list(namespace),
    kubeIP,
    dnsIP,
  };
}
