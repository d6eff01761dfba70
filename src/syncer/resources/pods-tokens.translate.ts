/**
 * Service-account tokens of host pods (spec §3.1 "Projected", issue 5). A host pod must not get a
 * token of the *host* cluster; each projected `serviceAccountToken` source is replaced by a token
 * of the pod's *virtual* service account, requested from the virtual API server. By default the
 * tokens live in a Secret `<pod>-sa-token` (host name) in the host namespace, owned by the host pod;
 * only `useSecretsForSATokens: false` keeps upstream's old behaviour of putting them into host pod
 * annotations, readable by anyone who may read host pods (upstream issues 968 and 3574).
 */
import type { Pod, Secret, ServiceAccountTokenProjection } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { POD_TOKEN_ANNOTATION_PREFIX, SKIP_BACKSYNC_ANNOTATION } from '../../api/labels.js';
import { hostName, serviceAccountTokenSecretName, type NameContext, type NamespacedName } from '../names.js';

/** Upstream asks for ten years: the token lives as long as the pod, which it is bound to. */
export const TOKEN_EXPIRATION_SECONDS = 10 * 365 * 24 * 60 * 60;
/** File mode of the projected token file (0644). */
export const TOKEN_FILE_MODE = 0o644;

/** One token the syncer must request from the virtual API server before translating a pod. */
export interface TokenRequestPlan {
  readonly volumeName: string;
  readonly sourceIndex: number;
  readonly serviceAccountName: string;
  readonly audiences: readonly string[];
  readonly expirationSeconds: number;
}

/** A token the virtual API server issued for one projected source. */
export interface IssuedToken {
  readonly volumeName: string;
  readonly sourceIndex: number;
  readonly token: string;
  /**
   * Eight random characters naming the annotation that holds the token when tokens are not kept
   * in a Secret (`vcluster.loft.sh/token-<suffix>`); chosen by the caller, so translating stays pure.
   */
  readonly annotationSuffix: string;
}

/** The virtual service account of a pod: `serviceAccountName`, else the deprecated field, else `default`. */
export function podServiceAccountName(pod: Pod): string {
  const spec = pod.spec;
  if (spec?.serviceAccountName !== undefined && spec.serviceAccountName !== '') return spec.serviceAccountName;
  if (spec?.serviceAccount !== undefined && spec.serviceAccount !== '') return spec.serviceAccount;
  return 'default';
}

/** Audiences of a token: the source's own, else the virtual API server's default ones. */
export function tokenAudiences(source: ServiceAccountTokenProjection, clusterDomain: string): string[] {
  if (source.audience !== undefined && source.audience !== '') return [source.audience];
  return [`https://kubernetes.default.svc.${clusterDomain}`, 'https://kubernetes.default.svc', 'https://kubernetes.default'];
}

/** Every token the pod's projected volumes need, in volume and source order. */
export function tokenRequestPlans(pod: Pod, clusterDomain: string): TokenRequestPlan[] {
  const serviceAccountName = podServiceAccountName(pod);
  const plans: TokenRequestPlan[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    (volume.projected?.sources ?? []).forEach((source, sourceIndex) => {
      if (source.serviceAccountToken === undefined) return;
      plans.push({
        volumeName: volume.name,
        sourceIndex,
        serviceAccountName,
        audiences: tokenAudiences(source.serviceAccountToken, clusterDomain),
        expirationSeconds: TOKEN_EXPIRATION_SECONDS,
      });
    });
  }
  return plans;
}

/** The TokenRequest body for one plan, bound to the virtual pod. */
export function tokenRequestBody(plan: TokenRequestPlan, pod: Pod): Record<string, unknown> {
  return {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: {
      audiences: [...plan.audiences],
      expirationSeconds: plan.expirationSeconds,
      boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    },
  };
}

/** The host Secret holding a pod's tokens: the host name of the virtual name `<pod>-sa-token`. */
export function tokenSecretHostName(ctx: NameContext, podName: string, podNamespace: string): NamespacedName {
  return hostName(ctx, serviceAccountTokenSecretName(podName), podNamespace);
}

/** The key of a token in the Secret: the volume name, as upstream does, made unique per source. */
export function tokenSecretKey(token: Pick<IssuedToken, 'volumeName' | 'sourceIndex'>, firstOfVolume: boolean): string {
  return firstOfVolume ? token.volumeName : `${token.volumeName}-${token.sourceIndex}`;
}

export function tokenAnnotationKey(token: Pick<IssuedToken, 'annotationSuffix'>): string {
  return `${POD_TOKEN_ANNOTATION_PREFIX}${token.annotationSuffix}`;
}

/**
 * The token Secret as the syncer creates it: Opaque, the tokens as data, the skip-backsync marker
 * upstream sets, and an owner — the vcluster Service until the host pod exists, then the pod.
 */
export function tokenSecret(
  name: NamespacedName,
  data: Readonly<Record<string, string>>,
  owner: OwnerReference | undefined,
): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: name.name,
      namespace: name.namespace,
      annotations: { [SKIP_BACKSYNC_ANNOTATION]: 'true' },
      ...(owner === undefined ? {} : { ownerReferences: [owner] }),
    },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])),
  };
}

/** The owner reference that makes a host pod own its token Secret. */
export function podOwnerReference(hostPod: Pod): OwnerReference {
  return { apiVersion: 'v1', kind: 'Pod', name: hostPod.metadata?.name ?? '', uid: hostPod.metadata?.uid ?? '' };
}

/**
 * The owner references of the token Secret once the host pod exists (`SetPodAsOwner`): the
 * vcluster Service's reference is replaced by the pod's; without one the pod's is added. Returns
 * undefined when nothing changes.
 */
export function tokenSecretOwners(
  current: readonly OwnerReference[] | undefined,
  hostPod: Pod,
  vclusterServiceUid: string | undefined,
): OwnerReference[] | undefined {
  const owners = [...(current ?? [])];
  const pod = podOwnerReference(hostPod);
  if (owners.some((o) => o.kind === 'Pod' && o.uid === pod.uid)) return undefined;
  const serviceIndex = vclusterServiceUid === undefined ? -1 : owners.findIndex((o) => o.uid === vclusterServiceUid);
  if (serviceIndex >= 0) owners[serviceIndex] = pod;
  else owners.push(pod);
  return owners;
}

/**
 * Is this host Secret a token Secret the syncer wrote (so it may replace or delete it)? It carries
 * the skip-backsync marker and is owned by the vcluster Service or by a pod — never a user's Secret.
 */
export function isTokenSecret(secret: Secret, vclusterServiceUid: string | undefined): boolean {
  if (secret.metadata?.annotations?.[SKIP_BACKSYNC_ANNOTATION] !== 'true') return false;
  if (secret.type !== undefined && secret.type !== 'Opaque') return false;
  const owners = secret.metadata.ownerReferences ?? [];
  if (owners.length === 0) return vclusterServiceUid === undefined;
  return owners.every((o) => o.kind === 'Pod' || (vclusterServiceUid !== undefined && o.uid === vclusterServiceUid));
}
