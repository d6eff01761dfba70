#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ (or the files/folders given) with node's test runner
// through tsx. Node 20's --test does not expand globs itself, hence this script.
//
// A hung test must fail the run, never stall CI: every test has a timeout, each file's process
// is forced to exit when its tests are done, and a watchdog ends the whole run after
// TEST_RUN_MINUTES, naming the files that had not finished.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    collect(join(path, entry), out);
  }
  return out;
}

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const roots = args.filter((a) => !a.startsWith('--'));
const files = (roots.length > 0 ? roots : ['src', 'test']).flatMap((r) => collect(r, []));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const testTimeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 300_000);
const runMinutes = Number(process.env.TEST_RUN_MINUTES ?? 40);

const started = Date.now();
const child = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${testTimeoutMs}`,
    '--test-force-exit', '--test-reporter=tap', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/file-progress-reporter.mjs', '--test-reporter-destination=stderr',
    ...flags, ...files,
  ],
  { stdio: 'inherit', detached: true },
);

const watchdog = setTimeout(() => {
  console.error(`\nrun-tests: the run exceeded ${runMinutes} minutes; stopping it.`);
  console.error('run-tests: files still running are listed by the progress reporter above ("started" without "finished").');
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  process.exit(1);
}, runMinutes * 60_000);
watchdog.unref();

child.on('exit', (code, signal) => {
  console.error(`run-tests: ${files.length} files in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});

