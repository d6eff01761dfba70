/**
 * The `x-kubernetes-*` fields of JSONSchemaProps, which kubernetes-types leaves out (their names
 * contain dashes). scripts/gen-schemas.ts folds these properties into JSONSchemaProps
 * (see `mergedDefinitions` in sources.ts); the doc comments become the schema descriptions.
 */
import type { ValidationRule } from 'kubernetes-types/apiextensions/v1.js';

/** Kubernetes extensions of a CustomResourceDefinition's structural schema. */
export interface JSONSchemaPropsKubernetesExtensions {
  /** x-kubernetes-embedded-resource marks an object that is itself a Kubernetes resource: apiVersion, kind and metadata are checked and kept there as at the root. Requires type: object. */
  'x-kubernetes-embedded-resource'?: boolean;
  /** x-kubernetes-int-or-string lets the value be an integer or a string. The schema may then add anyOf with both types, or say nothing more. */
  'x-kubernetes-int-or-string'?: boolean;
  /** x-kubernetes-list-map-keys names the item fields that identify an item of a list whose x-kubernetes-list-type is map. Each must be a scalar field that is required or has a default. */
  'x-kubernetes-list-map-keys'?: string[];
  /** x-kubernetes-list-type says how server-side apply merges the list: atomic (replaced whole, the default), set (unique scalars merged) or map (items merged by x-kubernetes-list-map-keys). */
  'x-kubernetes-list-type'?: string;
  /** x-kubernetes-map-type says how server-side apply merges the object: granular (field by field, the default) or atomic (replaced whole). */
  'x-kubernetes-map-type'?: string;
  /** x-kubernetes-preserve-unknown-fields stops pruning of fields the schema does not declare at this level; declared fields are still checked and pruned below. */
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** x-kubernetes-validations lists CEL rules the value must satisfy. */
  'x-kubernetes-validations'?: ValidationRule[];
}
