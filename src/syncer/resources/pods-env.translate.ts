/**
 * Container environment of host pods (spec §3.1 "Environment", trap 9): host pods run with
 * `enableServiceLinks=false`, so the syncer adds the Docker-link variables of the *virtual*
 * services itself, plus `KUBERNETES_*` pointing at the vcluster's own Service; references to
 * ConfigMaps and Secrets get host names; downward-API field paths read the annotations that hold
 * the virtual values.
 */
import type { EnvFromSource, EnvVar, ObjectFieldSelector, Service } from 'kubernetes-types/core/v1.js';
import {
  POD_LABELS_ANNOTATION,
  POD_NAME_ANNOTATION,
  POD_NAMESPACE_ANNOTATION,
  POD_SERVICE_ACCOUNT_NAME_ANNOTATION,
  POD_UID_ANNOTATION,
} from '../../api/labels.js';
import { hostLabel, hostName, serviceEnvVars, type NameContext, type ServiceLike } from '../names.js';

/** Variables for the virtual cluster's API server, with `IP` standing for the vcluster Service IP. */
const KUBERNETES_VARIABLES: readonly (readonly [string, string])[] = [
  ['KUBERNETES_PORT', 'tcp://IP:443'],
  ['KUBERNETES_PORT_443_TCP', 'tcp://IP:443'],
  ['KUBERNETES_PORT_443_TCP_ADDR', 'IP'],
  ['KUBERNETES_PORT_443_TCP_PORT', '443'],
  ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
  ['KUBERNETES_SERVICE_HOST', 'IP'],
  ['KUBERNETES_SERVICE_PORT', '443'],
  ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
];

const LABEL_FIELD_PATH = /^metadata\.labels\['(.+)'\]$/;

/** The host name of a namespaced object the pod refers to (ConfigMap, Secret, PVC…). */
export function hostRefName(ctx: NameContext, name: string, namespace: string): string {
  return hostName(ctx, name, namespace).name;
}

function serviceLike(service: Service): ServiceLike {
  return {
    name: service.metadata?.name ?? '',
    ...(service.spec?.clusterIP === undefined ? {} : { clusterIP: service.spec.clusterIP }),
    ports: (service.spec?.ports ?? []).map((p) => ({
      port: p.port,
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.protocol === undefined ? {} : { protocol: p.protocol }),
    })),
  };
}

/**
 * The variables every container of the pod gets (`ServicesToEnvironmentVariables`): the links of
 * the namespace's services when the virtual pod asked for them, then `KUBERNETES_*` (which win).
 */
export function serviceEnvironment(
  enableServiceLinks: boolean | undefined,
  services: readonly Service[],
  kubeIP: string,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (enableServiceLinks === true) {
    const byName = new Map<string, Service>();
    for (const service of services) byName.set(service.metadata?.name ?? '', service);
    for (const variable of serviceEnvVars([...byName.values()].map(serviceLike))) out.set(variable.name, variable.value);
  }
  for (const [name, template] of KUBERNETES_VARIABLES) out.set(name, template.replaceAll('IP', kubeIP));
  return out;
}

/**
 * A downward-API field path on the host pod: labels are read under their host keys (or, all of
 * them, from the `vcluster.loft.sh/labels` annotation); name, namespace, uid and service account
 * from the annotations that hold the virtual values.
 */
export function translateFieldPath(ctx: NameContext, fieldPath: string): string {
  const label = LABEL_FIELD_PATH.exec(fieldPath);
  if (label?.[1] !== undefined) return `metadata.labels['${hostLabel(ctx, label[1])}']`;
  const annotation = (key: string): string => `metadata.annotations['${key}']`;
  switch (fieldPath) {
    case 'metadata.labels':
      return annotation(POD_LABELS_ANNOTATION);
    case 'metadata.name':
      return annotation(POD_NAME_ANNOTATION);
    case 'metadata.namespace':
      return annotation(POD_NAMESPACE_ANNOTATION);
    case 'metadata.uid':
      return annotation(POD_UID_ANNOTATION);
    case 'spec.serviceAccountName':
      return annotation(POD_SERVICE_ACCOUNT_NAME_ANNOTATION);
    default:
      return fieldPath;
  }
}

export function translateFieldRef(ctx: NameContext, fieldRef: ObjectFieldSelector): ObjectFieldSelector {
  return { ...fieldRef, fieldPath: translateFieldPath(ctx, fieldRef.fieldPath) };
}

function translateEnvVar(ctx: NameContext, env: EnvVar, namespace: string): EnvVar {
  const from = env.valueFrom;
  if (from === undefined) return env;
  return {
    ...env,
    valueFrom: {
      ...from,
      ...(from.fieldRef === undefined ? {} : { fieldRef: translateFieldRef(ctx, from.fieldRef) }),
      ...(from.configMapKeyRef?.name === undefined || from.configMapKeyRef.name === ''
        ? {}
        : { configMapKeyRef: { ...from.configMapKeyRef, name: hostRefName(ctx, from.configMapKeyRef.name, namespace) } }),
      ...(from.secretKeyRef?.name === undefined || from.secretKeyRef.name === ''
        ? {}
        : { secretKeyRef: { ...from.secretKeyRef, name: hostRefName(ctx, from.secretKeyRef.name, namespace) } }),
    },
  };
}

function translateEnvFrom(ctx: NameContext, source: EnvFromSource, namespace: string): EnvFromSource {
  return {
    ...source,
    ...(source.configMapRef?.name === undefined || source.configMapRef.name === ''
      ? {}
      : { configMapRef: { ...source.configMapRef, name: hostRefName(ctx, source.configMapRef.name, namespace) } }),
    ...(source.secretRef?.name === undefined || source.secretRef.name === ''
      ? {}
      : { secretRef: { ...source.secretRef, name: hostRefName(ctx, source.secretRef.name, namespace) } }),
  };
}

export interface ContainerEnv {
  readonly env: EnvVar[];
  readonly envFrom: EnvFromSource[] | undefined;
}

/**
 * One container's `env` and `envFrom` on the host (`TranslateContainerEnv`): the service
 * variables the container does not define itself, sorted by name, come first so the user's own
 * variables can refer to them.
 */
export function translateContainerEnv(
  ctx: NameContext,
  env: readonly EnvVar[] | undefined,
  envFrom: readonly EnvFromSource[] | undefined,
  namespace: string,
  serviceEnv: ReadonlyMap<string, string>,
): ContainerEnv {
  const own = (env ?? []).map((e) => translateEnvVar(ctx, e, namespace));
  const defined = new Set(own.map((e) => e.name));
  const extra: EnvVar[] = [...serviceEnv]
    .filter(([name]) => !defined.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
  return {
    env: [...extra, ...own],
    envFrom: envFrom === undefined ? undefined : envFrom.map((s) => translateEnvFrom(ctx, s, namespace)),
  };
}
