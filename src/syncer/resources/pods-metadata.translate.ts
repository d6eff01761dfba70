/**
 * Labels and annotations that only host pods carry (spec §3.1 "Annotations", "Labels"): the virtual
 * name, namespace, uid, service account and labels (read by the downward API), the virtual owners,
 * hints for the cluster autoscaler, and the virtual Namespace's labels (for namespaceSelectors).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import {
  NAMESPACE_LABEL_PREFIX,
  POD_HOSTS_REWRITTEN_ANNOTATION,
  POD_LABELS_ANNOTATION,
  POD_NAME_ANNOTATION,
  POD_NAMESPACE_ANNOTATION,
  POD_OWNER_REFERENCES_ANNOTATION,
  POD_OWNER_SET_KIND_ANNOTATION,
  POD_SERVICE_ACCOUNT_NAME_ANNOTATION,
  POD_TOKEN_ANNOTATION_PREFIX,
  POD_UID_ANNOTATION,
} from '../../api/labels.js';
import { hostLabelNamespace, type NameContext } from '../names.js';

export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
export const DAEMONSET_POD_ANNOTATION = 'cluster-autoscaler.kubernetes.io/daemonset-pod';

/** Owner kinds recorded in `owner-set-kind` (the first `apps/v1` owner of these kinds). */
const OWNER_SET_KINDS: readonly string[] = ['DaemonSet', 'Job', 'ReplicaSet', 'StatefulSet'];

/**
 * Annotations of the host pod the syncer computes itself; they never flow between the two sides
 * (`GetExcludedAnnotations`), and neither do the token annotations a projected volume reads.
 */
export const POD_EXCLUDED_ANNOTATIONS: readonly string[] = [
  SAFE_TO_EVICT_ANNOTATION,
  POD_OWNER_REFERENCES_ANNOTATION,
  POD_OWNER_SET_KIND_ANNOTATION,
  POD_NAMESPACE_ANNOTATION,
  POD_NAME_ANNOTATION,
  POD_UID_ANNOTATION,
  POD_SERVICE_ACCOUNT_NAME_ANNOTATION,
  POD_HOSTS_REWRITTEN_ANNOTATION,
  POD_LABELS_ANNOTATION,
];

/** Go's `json.Marshal` of a string: like JSON.stringify, but `<`, `>`, `&` and U+2028/9 escaped. */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `vcluster.loft.sh/labels`: the virtual labels as sorted `key="value"` lines. */
export function labelsAnnotation(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${goJsonString(v)}`)
    .sort()
    .join('\n');
}

/** JSON of owner references in Go's field order (`json.Marshal` of `[]metav1.OwnerReference`). */
export function ownerReferencesJson(owners: readonly OwnerReference[]): string {
  return `[${owners
    .map((o) => {
      const fields = [`"apiVersion":${goJsonString(o.apiVersion)}`, `"kind":${goJsonString(o.kind)}`, `"name":${goJsonString(o.name)}`, `"uid":${goJsonString(o.uid)}`];
      if (o.controller !== undefined) fields.push(`"controller":${o.controller}`);
      if (o.blockOwnerDeletion !== undefined) fields.push(`"blockOwnerDeletion":${o.blockOwnerDeletion}`);
      return `{${fields.join(',')}}`;
    })
    .join(',')}]`;
}

/** The first `apps/v1` owner that is a DaemonSet, Job, ReplicaSet or StatefulSet. */
export function ownerSetKind(owners: readonly OwnerReference[] | undefined): string | undefined {
  return owners?.find((o) => o.apiVersion === 'apps/v1' && OWNER_SET_KINDS.includes(o.kind))?.kind;
}

/**
 * The pod annotations of a new host pod (`Translate`): values the virtual pod already carries under
 * these keys are kept (a pod imported from a host keeps pointing at its origin), the others
 * computed from the virtual pod.
 */
export function hostPodAnnotations(virtual: Pod, base: Readonly<Record<string, string>>): Record<string, string> {
  const meta = virtual.metadata ?? {};
  const own = meta.annotations ?? {};
  const out: Record<string, string> = { ...base };
  const keep = (key: string, computed: string): void => {
    const value = own[key] ?? '';
    out[key] = value === '' ? computed : value;
  };
  keep(POD_NAMESPACE_ANNOTATION, meta.namespace ?? '');
  keep(POD_NAME_ANNOTATION, meta.name ?? '');
  keep(POD_UID_ANNOTATION, meta.uid ?? '');
  keep(POD_SERVICE_ACCOUNT_NAME_ANNOTATION, virtual.spec?.serviceAccountName ?? '');
  if (own[POD_LABELS_ANNOTATION] !== undefined) out[POD_LABELS_ANNOTATION] = own[POD_LABELS_ANNOTATION];
  else out[POD_LABELS_ANNOTATION] = labelsAnnotation(meta.labels);
  if (out[SAFE_TO_EVICT_ANNOTATION] === undefined) {
    const controller = meta.ownerReferences?.find((o) => o.controller === true);
    out[SAFE_TO_EVICT_ANNOTATION] = String(controller !== undefined);
    if (controller?.kind === 'DaemonSet') out[DAEMONSET_POD_ANNOTATION] = 'true';
  }
  const owners = meta.ownerReferences ?? [];
  if (out[POD_OWNER_REFERENCES_ANNOTATION] === undefined && owners.length > 0) {
    out[POD_OWNER_REFERENCES_ANNOTATION] = ownerReferencesJson(owners);
    const kind = ownerSetKind(owners);
    if (kind !== undefined) out[POD_OWNER_SET_KIND_ANNOTATION] = kind;
  }
  return out;
}

/** The owner annotations of an existing host pod, recomputed from the virtual pod (`Diff`). */
export function ownerAnnotations(annotations: Readonly<Record<string, string>>, virtual: Pod): Record<string, string> {
  const { [POD_OWNER_REFERENCES_ANNOTATION]: _refs, [POD_OWNER_SET_KIND_ANNOTATION]: _kind, ...rest } = annotations;
  const out: Record<string, string> = { ...rest, [POD_LABELS_ANNOTATION]: labelsAnnotation(virtual.metadata?.labels) };
  const owners = virtual.metadata?.ownerReferences ?? [];
  if (owners.length > 0) {
    out[POD_OWNER_REFERENCES_ANNOTATION] = ownerReferencesJson(owners);
    const kind = ownerSetKind(owners);
    if (kind !== undefined) out[POD_OWNER_SET_KIND_ANNOTATION] = kind;
    else if (annotations[POD_OWNER_SET_KIND_ANNOTATION] !== undefined) out[POD_OWNER_SET_KIND_ANNOTATION] = annotations[POD_OWNER_SET_KIND_ANNOTATION];
  }
  return out;
}

/** `labels` with the host pod's namespace labels replaced by those of the virtual Namespace. */
export function withNamespaceLabels(
  ctx: NameContext,
  labels: Readonly<Record<string, string>> | undefined,
  namespaceLabels: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!k.startsWith(NAMESPACE_LABEL_PREFIX)) out[k] = v;
  for (const [k, v] of Object.entries(namespaceLabels)) out[hostLabelNamespace(ctx, k)] = v;
  return out;
}

/** Annotation keys that hold a projected token on this host pod (never synced either way). */
export function tokenAnnotationKeys(host: Pod): string[] {
  const keys: string[] = [];
  const pattern = /^metadata\.annotations\['(.+)'\]$/;
  for (const volume of host.spec?.volumes ?? []) {
    for (const source of volume.projected?.sources ?? []) {
      for (const item of source.downwardAPI?.items ?? []) {
        const key = pattern.exec(item.fieldRef?.fieldPath ?? '')?.[1];
        if (key?.startsWith(POD_TOKEN_ANNOTATION_PREFIX) === true) keys.push(key);
      }
    }
  }
  return keys;
}
