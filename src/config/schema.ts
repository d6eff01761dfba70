/**
 * The configuration schema: both accepted formats, one JSON Schema. The zod schemas are the only
 * source of the input types and of every default.
 */
import { z } from 'zod';
import { vclusterYamlSchema } from './schema-vcluster.js';
import { valuesYamlSchema } from './schema-values.js';

export { vclusterYamlSchema, type VclusterYaml, type VclusterYamlInput } from './schema-vcluster.js';
export { valuesYamlSchema, type ValuesYaml } from './schema-values.js';

/** Either format. Parsing goes through format detection instead, which gives clearer errors. */
export const configInputSchema = z
  .union([vclusterYamlSchema, valuesYamlSchema])
  .describe('vcluster-ts configuration: vcluster.yaml (v0.20+ format) or the older values.yaml (v0.15 – v0.19).');

/** JSON Schema (draft 2020-12) of what `parseConfig` accepts, for editors and `values.schema.json`. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configInputSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'vcluster-ts configuration',
  };
}
