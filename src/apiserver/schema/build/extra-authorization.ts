/**
 * Fields of authorization.k8s.io/v1 ResourceRule that kubernetes-types 1.30.0 leaves out.
 * scripts/gen-schemas.ts folds them into ResourceRule (see `mergedDefinitions` in sources.ts).
 */

/** The verbs and resources of a ResourceRule. */
export interface ResourceRuleMissingFields {
  /** Verbs lists the allowed verbs, such as get, list, watch, create, update, delete. "*" allows every verb. */
  verbs: string[];
  /** Resources lists the resources the rule applies to. "*" means every resource; a "*" before the slash of a subresource name means that subresource of every resource. */
  resources?: string[];
}
