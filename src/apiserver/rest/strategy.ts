import type { KubeObject } from '../../api/object.js';
import type { StatusCause } from '../../api/status.js';
import type { ResourceDef } from '../registry/types.js';
import type { RequestContext } from './context.js';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** Everything a kind does differently from the generic store (kube's RESTStrategy + admission). */
export interface Strategy {
  /** Server-set fields on create, after defaulting (e.g. a new namespace's finalizer and phase). */
  readonly prepareForCreate?: (obj: KubeObject, ctx: RequestContext) => void;
  /** Main-resource update: fields the user may not change this way (status is handled generically). */
  readonly prepareForUpdate?: (obj: KubeObject, old: KubeObject, ctx: RequestContext) => void;
  /** Status-subresource update: which fields besides status it may change. */
  readonly prepareForStatusUpdate?: (obj: KubeObject, old: KubeObject, ctx: RequestContext) => void;
  /**
   * Updates through other subresources (namespaces/finalize, pods/binding, pods/ephemeralcontainers):
   * the object to store, built from the current one and the desired one.
   */
  readonly prepareForSubresource?: (subresource: string, desired: KubeObject, old: KubeObject) => KubeObject;
  /**
   * Subresources whose handler checks the change itself, so the kind's update validation is not
   * applied: pods/binding sets spec.nodeName, which a pod update may never change (kube's binding
   * REST writes it without pod update validation).
   */
  readonly validatesSubresource?: (subresource: string) => boolean;
  /** Admission on create: may consult or change other objects (namespace lifecycle, IP allocation). */
  readonly admitCreate?: (obj: KubeObject, ctx: RequestContext) => Promise<void>;
  readonly admitUpdate?: (obj: KubeObject, old: KubeObject, ctx: RequestContext) => Promise<void>;
  /** Releases what admission allocated (service IPs, node ports) once the object is gone. */
  readonly afterDelete?: (obj: KubeObject) => Promise<void>;
  /** Seconds of graceful deletion for this object, or 0 to delete at once. */
  readonly gracePeriod?: (obj: KubeObject, options: DeleteOptions) => number;
  /** Deletion waits for something besides metadata.finalizers (a namespace's spec.finalizers). */
  readonly holdDeletion?: (obj: KubeObject) => boolean;
  /** Marks an object whose deletion is pending (a namespace becomes Terminating). */
  readonly onDeletionPending?: (obj: KubeObject) => void;
  /** Extra validation beyond the shared per-kind rules. */
  readonly validate?: (obj: KubeObject, old: KubeObject | undefined) => StatusCause[];
  /** Create-on-update (PUT of a missing object) is allowed, as for leases and endpoints. */
  readonly allowCreateOnUpdate?: boolean;
  /** DELETE answers with the object rather than a Success Status. */
  readonly returnDeletedObject?: boolean;
  /** Default propagation when the client names none. */
  readonly defaultPropagation?: 'Orphan' | 'Background';
}

/** The shared request semantics a store needs per kind, provided by the validation, defaulting,
 * schema and selector modules. Injected so the store can be tested with simple ones. */
export interface Semantics {
  applyDefaults(def: ResourceDef, obj: KubeObject): void;
  /** kube's create-time rewrites that follow defaulting (status resets, pod status and admission defaults, job selectors…). */
  prepareForCreate(def: ResourceDef, obj: KubeObject, now: Date): void;
  validateCreate(def: ResourceDef, obj: KubeObject): StatusCause[];
  validateUpdate(def: ResourceDef, obj: KubeObject, old: KubeObject): StatusCause[];
  /** Paths of fields the kind's schema does not declare (for fieldValidation). */
  unknownFields(def: ResourceDef, obj: KubeObject): string[];
  /** Drops undeclared fields (custom resources prune them). */
  prune(def: ResourceDef, obj: KubeObject): void;
  /** A matcher for `?labelSelector=`; throws a 400 StatusError on bad syntax. */
  labelSelector(text: string): (labels: Record<string, string> | undefined) => boolean;
  /** A matcher for `?fieldSelector=`; throws a 400 StatusError for bad syntax or unsupported fields. */
  fieldSelector(def: ResourceDef, text: string): (obj: KubeObject) => boolean;
}
