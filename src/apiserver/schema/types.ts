/**
 * The OpenAPI v3 schema subset the API server works with: the same shape kube-apiserver serves at
 * /openapi/v3, including the Kubernetes extensions that drive strategic merge patch, server-side
 * apply, validation and pruning.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  /** `#/components/schemas/<name>` */
  $ref?: string;
  /** kube-openapi wraps a $ref with a description or default in a one-element allOf. */
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  not?: SchemaNode;
  title?: string;
  example?: unknown;
  externalDocs?: { description?: string; url?: string };
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  /** Strategic merge patch: the key identifying list elements. */
  'x-kubernetes-patch-merge-key'?: string;
  /** Strategic merge patch: comma-separated 'merge', 'retainKeys', 'replace'. */
  'x-kubernetes-patch-strategy'?: string;
  /** Server-side apply: 'atomic' | 'set' | 'map'. */
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  /** Server-side apply: 'atomic' | 'granular'. */
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-unions'?: unknown[];
  /** CEL validation rules of CRD schemas; carried, not evaluated here. */
  'x-kubernetes-validations'?: unknown[];
}

/** Follows `$ref` and single-element `allOf` wrappers to the schema they name. */
export interface SchemaResolver {
  /** The named component (e.g. 'io.k8s.api.core.v1.Pod'), or undefined. */
  definition(name: string): SchemaNode | undefined;
  /** `node` with any $ref / allOf wrapper resolved (the node itself when there is none). */
  deref(node: SchemaNode): SchemaNode;
}
