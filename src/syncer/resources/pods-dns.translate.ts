/**
 * Names inside host pods (spec §3.1): DNS goes to the virtual cluster's own CoreDNS, `kubernetes`
 * resolves to the vcluster Service through hostAliases, the hostname is the virtual pod name, and
 * pods with a subdomain get their /etc/hosts rewritten to the virtual FQDN by an init container.
 */
import type { Container, HostAlias, PodDNSConfig, PodSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1.js';
import { POD_HOSTS_REWRITTEN_ANNOTATION } from '../../api/labels.js';
import { podHostname } from '../names.js';

export const HOSTS_VOLUME_NAME = 'vcluster-rewrite-hosts';
export const HOSTS_REWRITE_CONTAINER_NAME = 'vcluster-rewrite-hosts';
/** Lets a pod opt out of the /etc/hosts rewrite (together with an existing rewrite marker). */
export const DISABLE_SUBDOMAIN_REWRITE_ANNOTATION = 'vcluster.loft.sh/disable-subdomain-rewrite';

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * `translateDNSConfig`: `ClusterFirst` (without hostNetwork) and `ClusterFirstWithHostNet` become
 * `None` with the virtual DNS service as nameserver and the virtual search path; the pod's own
 * nameservers and searches are kept after ours. `None` and `Default` are left alone, and so is
 * everything when no DNS IP is known.
 */
export function translateDnsConfig(
  spec: Pick<PodSpec, 'dnsPolicy' | 'dnsConfig' | 'hostNetwork'>,
  virtualNamespace: string,
  clusterDomain: string,
  dnsIP: string,
): Pick<PodSpec, 'dnsPolicy' | 'dnsConfig'> {
  // An unset policy is left alone, as upstream does (the API server always defaults it).
  const policy = spec.dnsPolicy ?? '';
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && spec.hostNetwork !== true);
  const unchanged = {
    ...(spec.dnsPolicy === undefined ? {} : { dnsPolicy: spec.dnsPolicy }),
    ...(spec.dnsConfig === undefined ? {} : { dnsConfig: spec.dnsConfig }),
  };
  if (!clusterFirst || dnsIP === '') return unchanged;
  const searches = clusterDomain === '' ? [] : [`${virtualNamespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain];
  const existing = spec.dnsConfig;
  const dnsConfig: PodDNSConfig = {
    nameservers: unique([dnsIP, ...(existing?.nameservers ?? [])]),
    ...(searches.length > 0 || (existing?.searches ?? []).length > 0 ? { searches: unique([...searches, ...(existing?.searches ?? [])]) } : {}),
    options: [{ name: 'ndots', value: '5' }],
  };
  return { dnsPolicy: 'None', dnsConfig };
}

/** The hostAliases entry that makes `kubernetes.default.svc…` reach the vcluster Service. */
export function kubernetesHostAlias(kubeIP: string, clusterDomain: string): HostAlias {
  const names = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc'];
  // The canonical name first, as a lookup through the search path would find it.
  return { ip: kubeIP, hostnames: clusterDomain === '' ? names : [`kubernetes.default.svc.${clusterDomain}`, ...names] };
}

/** `spec.hostname` of the host pod (the host pod's own name would leak otherwise). */
export function hostPodHostname(virtualPodName: string, specHostname: string | undefined): string {
  return podHostname(virtualPodName, specHostname ?? '');
}

export interface RewriteHostsOptions {
  readonly image: string;
  readonly resources: {
    readonly limits: Readonly<Record<string, string>>;
    readonly requests: Readonly<Record<string, string>>;
  };
  /** The user and group the init container runs as (upstream: the syncer's own, or 1001 for root). */
  readonly runAsUser: number;
  readonly runAsGroup: number;
}

const HOSTS_MOUNT: VolumeMount = { mountPath: '/etc/hosts', name: HOSTS_VOLUME_NAME, subPath: 'hosts' };

function rewriteHostsContainer(hostname: string, fqdn: string, options: RewriteHostsOptions): Container {
  const resources = {
    ...(Object.keys(options.resources.limits).length > 0 ? { limits: { ...options.resources.limits } } : {}),
    ...(Object.keys(options.resources.requests).length > 0 ? { requests: { ...options.resources.requests } } : {}),
  };
  return {
    name: HOSTS_REWRITE_CONTAINER_NAME,
    image: options.image,
    command: ['sh'],
    args: ['-c', `sed -E -e 's/^(\\d+.\\d+.\\d+.\\d+\\s+)${hostname}$/\\1 ${fqdn} ${hostname}/' /etc/hosts > /hosts/hosts`],
    securityContext: {
      runAsUser: options.runAsUser,
      runAsGroup: options.runAsGroup,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
    volumeMounts: [{ mountPath: '/hosts', name: HOSTS_VOLUME_NAME }],
  };
}

function withHostsMount<C extends { volumeMounts?: VolumeMount[] }>(container: C): C {
  return { ...container, volumeMounts: [...(container.volumeMounts ?? []), HOSTS_MOUNT] };
}

/**
 * `rewritePodHostnameFQDN`: adds the init container that writes an /etc/hosts mapping the
 * hostname to `<hostname>.<subdomain>.<ns>.svc.<domain>`, the emptyDir it writes to, and mounts
 * the result over /etc/hosts in every other container. Returns the spec and annotations to use.
 */
export function rewriteHosts(
  spec: PodSpec,
  annotations: Readonly<Record<string, string>>,
  hostname: string,
  fqdn: string,
  options: RewriteHostsOptions,
): { readonly spec: PodSpec; readonly annotations: Record<string, string> } {
  const optedOut = annotations[DISABLE_SUBDOMAIN_REWRITE_ANNOTATION] === 'true' && annotations[POD_HOSTS_REWRITTEN_ANNOTATION] === 'true';
  if (optedOut) return { spec, annotations: { ...annotations } };
  const volume: Volume = { name: HOSTS_VOLUME_NAME, emptyDir: {} };
  const initContainers = [rewriteHostsContainer(hostname, fqdn, options), ...(spec.initContainers ?? []).map(withHostsMount)];
  return {
    spec: {
      ...spec,
      volumes: [...(spec.volumes ?? []), volume],
      initContainers,
      containers: spec.containers.map(withHostsMount),
      ...(spec.ephemeralContainers === undefined ? {} : { ephemeralContainers: spec.ephemeralContainers.map(withHostsMount) }),
    },
    annotations: { ...annotations, [POD_HOSTS_REWRITTEN_ANNOTATION]: 'true' },
  };
}
