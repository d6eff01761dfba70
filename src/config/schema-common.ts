/** Schema pieces both configuration formats use. */
import { z } from 'zod';

/** An RBAC rule, as in `rbac.authorization.k8s.io/v1` PolicyRule. */
export const policyRuleSchema = z
  .strictObject({
    apiGroups: z.array(z.string()).optional(),
    resources: z.array(z.string()).optional(),
    resourceNames: z.array(z.string()).optional(),
    nonResourceURLs: z.array(z.string()).optional(),
    verbs: z.array(z.string()).min(1),
  })
  .describe('A Kubernetes RBAC PolicyRule.');

export const extraRulesSchema = z
  .strictObject({
    extraRules: z.array(policyRuleSchema).default([]).describe('Additional RBAC rules.'),
  })
  .prefault({});

/** A metav1.LabelSelector. */
export const labelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

/** Upstream writes these flags as booleans or as the strings "true" / "false" / "auto". */
export const boolOrAutoSchema = z.union([z.boolean(), z.enum(['true', 'false', 'auto'])]);
export type BoolOrAuto = z.infer<typeof boolOrAutoSchema>;

/** `true` / `false` / `'auto'`, whichever way it was written. */
export function normalizeBoolOrAuto(value: BoolOrAuto): boolean | 'auto' {
  if (value === 'auto') return 'auto';
  return value === true || value === 'true';
}

/** Translate patches (vCluster Pro). Accepted so that upstream files parse; a non-empty list is refused. */
export const patchesSchema = z
  .array(z.record(z.string(), z.unknown()))
  .default([])
  .describe('Translate patches (vCluster Pro). Not supported yet: must be empty.');

/** A Kubernetes resource quantity, e.g. `30m`, `64Mi`, `1`. */
export const quantitySchema = z.union([z.string(), z.number()]);

/** A `key: value` map of strings. */
export const stringMapSchema = z.record(z.string(), z.string());
