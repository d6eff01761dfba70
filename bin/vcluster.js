#!/usr/bin/env node
// Launcher: runs the compiled command (npm install builds it into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cmd/vcluster.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vcluster: dist/ is missing; run `npm install` (or `npm run build`) in the project first\n');
  process.exit(1);
}
await import(entry.href);
