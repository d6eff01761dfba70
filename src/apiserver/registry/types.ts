import type { JsonObject } from '../../api/object.js';

export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
export type Verb = (typeof STANDARD_VERBS)[number];

export interface SubresourceDef {
  readonly name: string;
  /** Kind of the subresource's body (e.g. Scale for scale, the parent kind for status). */
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly verbs: readonly string[];
}

/** What the API server knows about one served resource (a built-in or a CRD version). */
export interface ResourceDef {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly listKind: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  readonly subresources: readonly SubresourceDef[];
  /** Storage key prefix below /registry/ as kube-apiserver lays it out, e.g. 'services/specs'. */
  readonly storagePrefix: string;
  /** OpenAPI component name of the kind. */
  readonly definition: string;
  /** metadata.generation is set on create and bumped when anything but metadata/status changes. */
  readonly generation: boolean;
  /** Create-only virtual resources (reviews) are never stored. */
  readonly stored: boolean;
  /** Set for custom resources. */
  readonly crd?: CustomResourceInfo;
}

export interface CustomResourceInfo {
  readonly crdName: string;
  /** The structural schema of this version (openAPIV3Schema), if any. */
  readonly schema?: JsonObject;
  readonly printerColumns: readonly JsonObject[];
  readonly statusSubresource: boolean;
  readonly scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  readonly storageVersion: string;
  readonly served: boolean;
}

export const apiVersionOfDef = (d: Pick<ResourceDef, 'group' | 'version'>): string =>
  d.group === '' ? d.version : `${d.group}/${d.version}`;
