/** Test support: make sure the generated schemas exist and are current before loading them. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSchemas } from './registry.js';
import type { SchemaRegistry } from './registry.js';

const script = fileURLToPath(new URL('../../../scripts/gen-schemas.ts', import.meta.url));

/** Runs scripts/gen-schemas.ts (a no-op when its inputs are unchanged) and loads the result. */
export function generatedSchemas(): SchemaRegistry {
  execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return loadSchemas();
}
