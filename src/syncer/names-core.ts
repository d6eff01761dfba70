/**
 * Virtual → host names in single-namespace mode (spec/syncer.md §1.2, §1.3). Pure and synchronous:
 * every function gets the vcluster name and host namespace passed in; nothing is global.
 */
import { createHash } from 'node:crypto';

/** What every translation depends on (spec §0.2). */
export interface NameContext {
  /** VC: the vcluster name (Helm release name / `--name`). */
  readonly vclusterName: string;
  /** TNS: the host namespace that namespaced objects are synced into. */
  readonly hostNamespace: string;
  /**
   * CNS: the host namespace the control plane runs in, where its own Service `VC` lives. Usually
   * equal to TNS, which is the default.
   */
  readonly currentNamespace?: string;
}

/** A name and a namespace; the namespace is `''` for cluster-scoped objects. */
export interface NamespacedName {
  readonly name: string;
  readonly namespace: string;
}

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The longest name Kubernetes accepts for labels values, DNS labels and most object names. */
export const MAX_NAME_LENGTH = 63;

const EMPTY_NAME: NamespacedName = { name: '', namespace: '' };

export function currentNamespaceOf(ctx: NameContext): string {
  return ctx.currentNamespace ?? ctx.hostNamespace;
}

export function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/**
 * Joins parts with `-`; if the result is longer than 63 bytes it becomes the first 52 bytes, `-`,
 * and the first 10 hex digits of sha256 over the whole joined string, with every `.-` collapsed
 * to `-` (so a cut result can be shorter than 63). Spec §1.2, trap 1.
 */
export function safeConcatName(...parts: readonly string[]): string {
  const full = parts.join('-');
  const bytes = Buffer.from(full, 'utf8');
  if (bytes.length <= MAX_NAME_LENGTH) return full;
  const head = bytes.subarray(0, 52).toString('utf8');
  return `${head}-${sha256Hex(full).slice(0, 10)}`.replaceAll('.-', '-');
}

/** The host namespace of a virtual namespace: TNS for namespaced objects, `''` for cluster scope. */
export function hostNamespace(ctx: NameContext, virtualNamespace: string): string {
  return virtualNamespace === '' ? '' : ctx.hostNamespace;
}

/** `name-x-namespace-x-vcluster`, cut to 63 characters. Empty name → empty name and namespace. */
export function hostName(ctx: NameContext, virtualName: string, virtualNamespace: string): NamespacedName {
  if (virtualName === '') return EMPTY_NAME;
  return {
    name: safeConcatName(virtualName, 'x', virtualNamespace, 'x', ctx.vclusterName),
    namespace: hostNamespace(ctx, virtualNamespace),
  };
}

/**
 * `"v"` + 13 base36 digits of sha256(`name-x-namespace-x-vcluster`): a 14-character name that always
 * starts with a letter (Pro reference patches and the reverse lookup heuristics of §1.6 use it).
 */
export function hostNameShort(ctx: NameContext, virtualName: string, virtualNamespace: string): NamespacedName {
  if (virtualName === '') return EMPTY_NAME;
  const digest = createHash('sha256')
    .update([virtualName, 'x', virtualNamespace, 'x', ctx.vclusterName].join('-'), 'utf8')
    .digest();
  return {
    name: `v${base36(digest).slice(0, 13)}`,
    namespace: hostNamespace(ctx, virtualNamespace),
  };
}

/**
 * Big-endian unsigned integer in base 36 (`0-9a-z`), one extra leading `0` per leading zero byte,
 * as vcluster's `base36.EncodeBytes` does.
 */
export function base36(bytes: Uint8Array): string {
  let leadingZeros = 0;
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros++;
  const hex = Buffer.from(bytes).toString('hex');
  const value = hex === '' ? 0n : BigInt(`0x${hex}`);
  const digits = value === 0n ? '' : value.toString(36);
  return '0'.repeat(leadingZeros) + digits;
}

/** Host name of a cluster-scoped object synced to the host: `vcluster-<name>-x-<TNS>-x-<VC>`. */
export function hostNameCluster(ctx: NameContext, virtualName: string): string {
  if (virtualName === '') return '';
  return safeConcatName('vcluster', virtualName, 'x', ctx.hostNamespace, 'x', ctx.vclusterName);
}

/** The `managed-by` value of cluster-scoped host objects: `<TNS>-x-<VC>`. */
export function markerLabelCluster(ctx: NameContext): string {
  return safeConcatName(ctx.hostNamespace, 'x', ctx.vclusterName);
}

/** Is this a host namespace objects of this vcluster are synced into? */
export function isTargetedNamespace(ctx: NameContext, namespace: string): boolean {
  return namespace === ctx.hostNamespace;
}

/** Go's `GroupVersionKind.String()`: `<group>/<version>, Kind=<kind>` (core group: `/v1, Kind=Pod`). */
export function objectKindAnnotationValue(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** Splits an `apiVersion` (`v1`, `apps/v1`) and a kind into a GVK. */
export function gvkOf(apiVersion: string, kind: string): GroupVersionKind {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion, kind }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

export function sameName(a: NamespacedName, b: NamespacedName): boolean {
  return a.name === b.name && a.namespace === b.namespace;
}

/**
 * Read access to the mapping store (spec §1.7): the virtual ↔ host pairs recorded so far, per
 * kind (`objectKindAnnotationValue` of the GVK). The store itself belongs to the engine.
 */
export interface MappingLookup {
  hostToVirtual(kind: string, host: NamespacedName): NamespacedName | undefined;
  virtualToHost(kind: string, virtual: NamespacedName): NamespacedName | undefined;
  /** Every kind that has recorded mappings. */
  kinds(): Iterable<string>;
}
