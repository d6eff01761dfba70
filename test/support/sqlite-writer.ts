// Child process for the crash test: writes objects one by one into a SQLite store and reports each
// acknowledged write on stdout. The parent kills it with SIGKILL at a random point.
import { writeSync } from 'node:fs';
import { openSqliteStore } from '../../src/storage/index.js';

const [path, countText] = process.argv.slice(2);
if (!path || !countText) throw new Error('usage: sqlite-writer <db> <count>');
const store = openSqliteStore({ path, compaction: { intervalMs: 0, retainRevisions: 0 } });
for (let i = 0; i < Number(countText); i++) {
  const created = await store.create(crashKey(i), crashValue(i));
  // Synchronous write: an ack line is only emitted after the store acknowledged the write.
  writeLine(`ack ${i} ${created.revision}\n`);
}
writeLine('done\n');

/** stdout is a non-blocking pipe: when the parent reads slower than we write, wait and retry. */
function writeLine(line: string): void {
  for (;;) {
    try {
      writeSync(1, line);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

function crashKey(i: number): string {
  return `/registry/configmaps/crash/obj-${String(i).padStart(5, '0')}`;
}

function crashValue(i: number): Record<string, unknown> {
  return { kind: 'ConfigMap', metadata: { name: `obj-${i}` }, data: { index: String(i), payload: 'p'.repeat(900) } };
}
