/**
 * A virtual pod → the host pod that runs it (upstream `pods/translate/translator.go` `Translate`,
 * spec §3.1). Pure: everything the translation reads from the clusters (the virtual Namespace's
 * labels, the namespace's Services, the vcluster and DNS service IPs, issued tokens) is an input.
 * The parts live in `pods-*.translate.ts` by concern.
 */
import type { Container, EphemeralContainer, Pod, PodSpec, Service, Toleration } from 'kubernetes-types/core/v1.js';
import { hostMetadata, hostName, hostNameCluster, type HostOwner, type NameContext } from '../names.js';
import { addTolerations, translateAffinity, translateTopologySpreadConstraints } from './pods-affinity.translate.js';
import { hostPodHostname, kubernetesHostAlias, rewriteHosts, translateDnsConfig, type RewriteHostsOptions } from './pods-dns.translate.js';
import { hostRefName, serviceEnvironment, translateContainerEnv } from './pods-env.translate.js';
import { translateImage, type ImageRules } from './pods-images.translate.js';
import { hostPodAnnotations, withNamespaceLabels } from './pods-metadata.translate.js';
import type { IssuedToken } from './pods-tokens.translate.js';
import { translateVolumes } from './pods-volumes.translate.js';
import { cloneJson } from '../../lib/json.js';

export const POD_GVK = { group: '', version: 'v1', kind: 'Pod' } as const;

/** Priorities above this belong to system classes; upstream caps translated classes here. */
const MAX_USER_PRIORITY = 1_000_000_000;

/** Options of the pod translation, resolved from the config (`sync.toHost.pods` and friends). */
export interface PodTranslateOptions {
  readonly translateImage: ImageRules;
  readonly enforceTolerations: readonly Toleration[];
  readonly useSecretsForSATokens: boolean;
  readonly runtimeClassName?: string | undefined;
  readonly priorityClassName?: string | undefined;
  readonly rewriteHosts: { readonly enabled: boolean } & Omit<RewriteHostsOptions, 'runAsUser' | 'runAsGroup'>;
  /** Sync ephemeral containers to the host (values.yaml `sync.pods.ephemeralContainers`). */
  readonly ephemeralContainers: boolean;
  /** Sync readiness gates (values.yaml `sync.pods.status`). */
  readonly status: boolean;
  readonly clusterDomain: string;
  /** Host service account of every host pod (`vc-workload-<VC>` unless configured). */
  readonly workloadServiceAccount: string;
  /** `sync.toHost.serviceAccounts`: host pods then run as the translated virtual service account. */
  readonly syncServiceAccounts: boolean;
  readonly priorityClassesToHost: boolean;
  readonly priorityClassesFromHost: boolean;
  /** Pods are scheduled by a scheduler in the virtual cluster: drop host scheduling constraints. */
  readonly virtualScheduler: boolean;
  /** User and group of the injected init container (upstream: the syncer's own, 1001 for root). */
  readonly runAsUser: number;
  readonly runAsGroup: number;
}

/** What one translation reads from the clusters. */
export interface PodTranslateInput {
  readonly virtual: Pod;
  /** Labels of the virtual Namespace (copied onto the host pod for namespaceSelectors). */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** Virtual Services of the pod's namespace (service-link variables). */
  readonly services: readonly Service[];
  /** Cluster IP of the vcluster's host Service: `KUBERNETES_SERVICE_HOST`, hostAliases. */
  readonly kubeIP: string;
  /** Cluster IP of the virtual cluster's DNS service on the host. */
  readonly dnsIP: string;
  /** Tokens issued for the pod's projected service-account sources (`tokenRequestPlans`). */
  readonly tokens: readonly IssuedToken[];
  readonly owner?: HostOwner | undefined;
}

export interface TranslatedPod {
  readonly pod: Pod;
  /** Data of the pod's token Secret; empty when no token goes into a Secret. */
  readonly tokenSecretData: Readonly<Record<string, string>>;
  /** Warnings upstream reports as events on the virtual pod. */
  readonly warnings: readonly string[];
}

/** The host service account of a host pod. */
export function hostServiceAccountName(ctx: NameContext, virtual: Pod, options: PodTranslateOptions): string {
  if (!options.syncServiceAccounts) return options.workloadServiceAccount;
  const spec = virtual.spec;
  const name = spec?.serviceAccountName !== undefined && spec.serviceAccountName !== '' ? spec.serviceAccountName : (spec?.serviceAccount ?? '');
  return name === '' ? options.workloadServiceAccount : hostName(ctx, name, virtual.metadata?.namespace ?? '').name;
}

function translatePriority(ctx: NameContext, spec: PodSpec, options: PodTranslateOptions): void {
  if (options.priorityClassesToHost && spec.priorityClassName !== undefined && spec.priorityClassName !== '') {
    spec.priorityClassName = hostNameCluster(ctx, spec.priorityClassName);
    if (spec.priority !== undefined && spec.priority > MAX_USER_PRIORITY) spec.priority = MAX_USER_PRIORITY;
  } else if (!options.priorityClassesToHost && !options.priorityClassesFromHost) {
    delete spec.priorityClassName;
    delete spec.priority;
  }
  if (options.priorityClassName !== undefined && options.priorityClassName !== '' && (spec.priorityClassName ?? '') === '') {
    spec.priorityClassName = options.priorityClassName;
    delete spec.priority;
  }
}

function translateContainers<C extends Container | EphemeralContainer>(
  ctx: NameContext,
  containers: readonly C[] | undefined,
  namespace: string,
  serviceEnv: ReadonlyMap<string, string>,
  rules: ImageRules,
): C[] | undefined {
  return containers?.map((c) => {
    const { env, envFrom } = translateContainerEnv(ctx, c.env, c.envFrom, namespace, serviceEnv);
    return {
      ...c,
      env,
      ...(envFrom === undefined ? {} : { envFrom }),
      ...(c.image === undefined ? {} : { image: translateImage(c.image, rules) }),
    };
  });
}

/** An ephemeral container added to a running virtual pod, as the host pod gets it. */
export function translateEphemeralContainer(
  ctx: NameContext,
  container: EphemeralContainer,
  virtual: Pod,
  services: readonly Service[],
  kubeIP: string,
  rules: ImageRules,
): EphemeralContainer {
  const serviceEnv = serviceEnvironment(virtual.spec?.enableServiceLinks, services, kubeIP);
  const [translated] = translateContainers(ctx, [container], virtual.metadata?.namespace ?? '', serviceEnv, rules) ?? [];
  return translated ?? container;
}

/** The host pod for a virtual pod (`Translate`). */
export function toHostPod(ctx: NameContext, input: PodTranslateInput, options: PodTranslateOptions): TranslatedPod {
  const virtual = input.virtual;
  const name = virtual.metadata?.name ?? '';
  const namespace = virtual.metadata?.namespace ?? '';
  const target = hostName(ctx, name, namespace);
  const metadata = hostMetadata(ctx, { gvk: POD_GVK, metadata: virtual.metadata ?? {} }, target, input.owner === undefined ? {} : { owner: input.owner });
  const spec: PodSpec = cloneJson(virtual.spec ?? { containers: [] });
  const warnings: string[] = [];

  delete spec.serviceAccount;
  spec.serviceAccountName = hostServiceAccountName(ctx, virtual, options);
  spec.automountServiceAccountToken = false;
  spec.enableServiceLinks = false;
  translatePriority(ctx, spec, options);

  let annotations = hostPodAnnotations(virtual, metadata.annotations ?? {});
  const labels = withNamespaceLabels(ctx, metadata.labels, input.namespaceLabels);

  const serviceEnv = serviceEnvironment(virtual.spec?.enableServiceLinks, input.services, input.kubeIP);
  spec.hostAliases = [...(spec.hostAliases ?? []), kubernetesHostAlias(input.kubeIP, options.clusterDomain)];
  const dns = translateDnsConfig(spec, namespace, options.clusterDomain, input.dnsIP);
  if (dns.dnsPolicy === undefined) delete spec.dnsPolicy;
  else spec.dnsPolicy = dns.dnsPolicy;
  if (dns.dnsConfig === undefined) delete spec.dnsConfig;
  else spec.dnsConfig = dns.dnsConfig;
  spec.hostname = hostPodHostname(name, spec.hostname);

  spec.containers = translateContainers(ctx, spec.containers, namespace, serviceEnv, options.translateImage) ?? [];
  const initContainers = translateContainers(ctx, spec.initContainers, namespace, serviceEnv, options.translateImage);
  if (initContainers !== undefined) spec.initContainers = initContainers;
  const ephemeral = options.ephemeralContainers ? translateContainers(ctx, spec.ephemeralContainers, namespace, serviceEnv, options.translateImage) : undefined;
  if (ephemeral === undefined) delete spec.ephemeralContainers;
  else spec.ephemeralContainers = ephemeral;
  if (!options.status) delete spec.readinessGates;

  if (spec.imagePullSecrets !== undefined) {
    spec.imagePullSecrets = spec.imagePullSecrets.map((s) => (s.name === undefined || s.name === '' ? s : { ...s, name: hostRefName(ctx, s.name, namespace) }));
  }
  const volumes = translateVolumes(ctx, virtual, { useSecrets: options.useSecretsForSATokens, tokens: input.tokens });
  if (volumes.volumes !== undefined) spec.volumes = volumes.volumes;
  annotations = { ...annotations, ...volumes.tokenAnnotations };

  let hostSpec: PodSpec = spec;
  if (spec.subdomain !== undefined && spec.subdomain !== '') {
    if (options.rewriteHosts.enabled) {
      const hostname = spec.hostname;
      const fqdn = `${hostname}.${spec.subdomain}.${namespace}.svc.${options.clusterDomain}`;
      const rewritten = rewriteHosts(spec, annotations, hostname, fqdn, { ...options.rewriteHosts, runAsUser: options.runAsUser, runAsGroup: options.runAsGroup });
      hostSpec = rewritten.spec;
      annotations = rewritten.annotations;
    }
    // The host has no Service of that name: the subdomain would only make the pod unresolvable.
    hostSpec = { ...hostSpec };
    delete hostSpec.subdomain;
  }

  if (options.runtimeClassName !== undefined && options.runtimeClassName !== '') hostSpec.runtimeClassName = options.runtimeClassName;

  if (options.virtualScheduler) {
    delete hostSpec.topologySpreadConstraints;
    delete hostSpec.affinity;
    delete hostSpec.nodeSelector;
  } else {
    const spread = translateTopologySpreadConstraints(ctx, hostSpec.topologySpreadConstraints, namespace);
    if (spread !== undefined) hostSpec.topologySpreadConstraints = spread;
    const affinity = translateAffinity(ctx, hostSpec.affinity, namespace);
    if (affinity.affinity !== undefined) hostSpec.affinity = affinity.affinity;
    warnings.push(...affinity.warnings);
  }
  const tolerations = addTolerations(hostSpec.tolerations, options.enforceTolerations);
  if (tolerations !== undefined) hostSpec.tolerations = tolerations;

  // hostMetadata dropped the virtual owners; the vcluster Service is the host pod's only owner.
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, labels, annotations }, spec: hostSpec };
  return { pod, tokenSecretData: volumes.tokenSecretData, warnings };
}
