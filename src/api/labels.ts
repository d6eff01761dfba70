/**
 * Label and annotation keys vcluster puts on (or reads from) objects. They must match upstream
 * vcluster byte for byte, so that a host cluster cannot tell us apart (spec/syncer.md §1.1, §1.8).
 */

/** The domain every vcluster-owned key lives in. */
export const VCLUSTER_DOMAIN = 'vcluster.loft.sh';

// --- Annotations on host objects (spec §1.1, §1.8) -------------------------------------------

/** Name of the virtual object a host object was synced from. */
export const NAME_ANNOTATION = 'vcluster.loft.sh/object-name';
/** Namespace of the virtual object; absent on cluster-scoped objects. */
export const NAMESPACE_ANNOTATION = 'vcluster.loft.sh/object-namespace';
/** UID of the virtual object. */
export const UID_ANNOTATION = 'vcluster.loft.sh/object-uid';
/** `GVK.String()` of the object, e.g. `/v1, Kind=Pod` (see `objectKindAnnotationValue`). */
export const KIND_ANNOTATION = 'vcluster.loft.sh/object-kind';
/** The host name itself, so copies and renames of host objects can be recognised. */
export const HOST_NAME_ANNOTATION = 'vcluster.loft.sh/object-host-name';
/** The host namespace itself (namespaced objects only). */
export const HOST_NAMESPACE_ANNOTATION = 'vcluster.loft.sh/object-host-namespace';
/** Newline-separated, sorted keys of the annotations that came from the virtual object. */
export const MANAGED_ANNOTATIONS_ANNOTATION = 'vcluster.loft.sh/managed-annotations';
/** The same for labels (only used on virtual nodes today). */
export const MANAGED_LABELS_ANNOTATION = 'vcluster.loft.sh/managed-labels';
/** `"true"` on host namespaces that were imported by namespace sync. */
export const IMPORTED_ANNOTATION = 'vcluster.loft.sh/object-imported';

/**
 * Every annotation the generic metadata code writes itself; none of them is ever copied between
 * the two sides.
 */
export const SYNC_METADATA_ANNOTATIONS: readonly string[] = [
  NAME_ANNOTATION,
  NAMESPACE_ANNOTATION,
  UID_ANNOTATION,
  KIND_ANNOTATION,
  HOST_NAME_ANNOTATION,
  HOST_NAMESPACE_ANNOTATION,
  MANAGED_ANNOTATIONS_ANNOTATION,
  MANAGED_LABELS_ANNOTATION,
];

// --- Labels on host objects (spec §1.1, §1.5) ------------------------------------------------

/** "Managed by": the vcluster name on namespaced host objects, `<TNS>-x-<VC>` on cluster-scoped ones. */
export const MARKER_LABEL = 'vcluster.loft.sh/managed-by';
/** The virtual namespace of a namespaced host object. */
export const NAMESPACE_LABEL = 'vcluster.loft.sh/namespace';
/** Objects carrying it belong to another controller and are skipped by the syncer. */
export const CONTROLLER_LABEL = 'vcluster.loft.sh/controlled-by';
/** Helm's release label: the vcluster's own pods carry `release=<VC>`, so it is hashed. */
export const RELEASE_LABEL = 'release';
/** Prefix of hashed label keys: `vcluster.loft.sh/label-<VC>-x-<hex10(sha256(key))>`. */
export const LABEL_PREFIX = 'vcluster.loft.sh/label';
/** Prefix of hashed virtual-namespace label keys copied onto host pods. */
export const NAMESPACE_LABEL_PREFIX = 'vcluster.loft.sh/ns-label';
/** EndpointSlice label naming the owning Service; rewritten on host slices. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Set on host namespaces (multi-namespace mode / namespace sync). */
export const VCLUSTER_NAME_LABEL = 'vcluster.loft.sh/vcluster-name';
/** Set on host namespaces (multi-namespace mode / namespace sync). */
export const VCLUSTER_NAMESPACE_LABEL = 'vcluster.loft.sh/vcluster-namespace';
/** `"true"` on virtual nodes made up from pods' nodeName (fake nodes). */
export const FAKE_NODE_LABEL = 'vcluster.loft.sh/fake-node';
/** `"true"` on virtual persistent volumes made up for bound claims (fake PVs). */
export const FAKE_PV_LABEL = 'vcluster.loft.sh/fake-pv';

// --- Annotations with special meaning (spec §1.1, pkg/constants/annotation.go) ----------------

/** Sync a ConfigMap, Secret or Event even though nothing references it. */
export const FORCE_SYNC_ANNOTATION = 'vcluster.loft.sh/force-sync';
/** PVC / VolumeSnapshot: do not rewrite references. */
export const SKIP_TRANSLATE_ANNOTATION = 'vcluster.loft.sh/skip-translate';
/** On a virtual PV: the host PV it stands for. */
export const HOST_PV_ANNOTATION = 'vcluster.loft.sh/host-pv';
/** On a virtual VolumeSnapshotContent: the host content it stands for. */
export const HOST_VOLUME_SNAPSHOT_CONTENT_ANNOTATION = 'vcluster.loft.sh/host-volumesnapshotcontent';
/** Do not copy this host object back (multi-namespace mode). */
export const SKIP_BACKSYNC_ANNOTATION = 'vcluster.loft.sh/skip-backsync';
export const LOCK_ANNOTATION = 'vcluster.loft.sh/lock';
export const BLOCK_DELETION_ANNOTATION = 'vcluster.loft.sh/block-deletion';
/** On virtual nodes: the host taints before enforced tolerations hid some of them. */
export const ORIGINAL_TAINTS_ANNOTATION = 'vcluster.loft.sh/original-taints';
/** Finalizer on virtual VolumeSnapshotContents (≤ v0.35). */
export const VOLUME_SNAPSHOT_CONTENT_GC_FINALIZER = 'vcluster.loft.sh/physical-volumesnapshotcontent-gc';

// --- Annotations on host pods (spec §3.1) ----------------------------------------------------

/**
 * Virtual namespace of a host pod. The key is the same string as `NAMESPACE_LABEL`; on pods it is
 * used as an annotation too (downward-API `metadata.namespace` reads it).
 */
export const POD_NAMESPACE_ANNOTATION = 'vcluster.loft.sh/namespace';
/** Virtual name of a host pod (downward-API `metadata.name`). */
export const POD_NAME_ANNOTATION = 'vcluster.loft.sh/name';
/** Virtual UID of a host pod (downward-API `metadata.uid`). */
export const POD_UID_ANNOTATION = 'vcluster.loft.sh/uid';
/** Virtual service account name of a host pod (downward-API `spec.serviceAccountName`). */
export const POD_SERVICE_ACCOUNT_NAME_ANNOTATION = 'vcluster.loft.sh/service-account-name';
/** Virtual labels of a host pod as sorted `key="value"` lines (downward-API `metadata.labels`). */
export const POD_LABELS_ANNOTATION = 'vcluster.loft.sh/labels';
/** JSON of the virtual pod's ownerReferences. */
export const POD_OWNER_REFERENCES_ANNOTATION = 'vcluster.loft.sh/owner-references';
/** Kind of the first apps/v1 owner (DaemonSet, Job, ReplicaSet, StatefulSet). */
export const POD_OWNER_SET_KIND_ANNOTATION = 'vcluster.loft.sh/owner-set-kind';
/** `"true"` once the rewrite-hosts init container was added. */
export const POD_HOSTS_REWRITTEN_ANNOTATION = 'vcluster.loft.sh/hosts-rewritten';
/** Prefix of the annotation holding a projected service-account token (when not using Secrets). */
export const POD_TOKEN_ANNOTATION_PREFIX = 'vcluster.loft.sh/token-';
