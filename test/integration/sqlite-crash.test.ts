// A write acknowledged by the SQLite store survives kill -9 of the process, and no write is half there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/storage/index.js';

const TOTAL = 5000;
const dir = mkdtempSync(join(tmpdir(), 'vcluster-crash-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

function keyOf(i: number): string {
  return `/registry/configmaps/crash/obj-${String(i).padStart(5, '0')}`;
}

/** Runs the writer and kills it with SIGKILL right after the `killAfter`-th acknowledgement. */
async function writeAndKill(path: string, killAfter: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/sqlite-writer.ts', path, String(TOTAL)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { resolve(signal); }));
  let acked = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /^ack (\d+) (\d+)$/.exec(line);
    if (!m) continue;
    acked = Number(m[1]);
    if (acked + 1 >= killAfter) {
      child.kill('SIGKILL');
      break;
    }
  }
  assert.equal(await exited, 'SIGKILL', 'the writer was killed, not finished');
  return acked + 1;
}

describe('SQLite durability under kill -9', () => {
  for (let round = 0; round < 3; round++) {
    const killAfter = 1 + Math.floor(Math.random() * (TOTAL - 2));
    it(`keeps every acknowledged write (round ${round + 1}, killed after ${killAfter} acks)`, async () => {
      const path = join(dir, `crash-${round}.sqlite`);
      const acknowledged = await writeAndKill(path, killAfter);
      assert.ok(acknowledged >= killAfter);

      const store = openSqliteStore({ path, compaction: { intervalMs: 0, retainRevisions: 0 } });
      try {
        const { items, revision } = await store.list('/registry/configmaps/crash/');
        // The writer is sequential, so what survived is a prefix: at least everything acknowledged,
        // at most the few writes committed after the last ack the parent read.
        assert.ok(items.length >= acknowledged, `${items.length} objects found, ${acknowledged} acknowledged`);
        assert.equal(revision, items.length, 'one revision per surviving write, none half-written');
        items.forEach((item, i) => {
          assert.equal(item.key, keyOf(i));
          assert.deepEqual(item.value, {
            kind: 'ConfigMap',
            metadata: { name: `obj-${i}` },
            data: { index: String(i), payload: 'p'.repeat(900) },
          });
          assert.equal(item.revision, i + 1);
        });
        // The store is usable after recovery.
        const next = await store.create(keyOf(items.length), { kind: 'ConfigMap' });
        assert.equal(next.revision, items.length + 1);
      } finally {
        await store.close();
      }
    });
  }
});
