import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Head, HistoryRow, LocalEngine, RangePage, Row } from './engine.js';
import { StorageError } from './errors.js';
import { LocalStore } from './local-store.js';
import { Checkpoints, framesForInsert } from './sqlite-checkpoints.js';
import type { CommonStoreOptions } from './types.js';

export interface SqliteStoreOptions extends CommonStoreOptions {
  /** Path of the database file (created with its folder when missing). */
  readonly path: string;
  /**
   * 'process' (default): an acknowledged write survives the process being killed (WAL,
   * synchronous=NORMAL). 'power': it also survives power loss (synchronous=FULL, an fsync per commit).
   */
  readonly durability?: 'process' | 'power';
}

interface DbRow {
  rev: number;
  key: string;
  create_rev: number;
  prev_rev: number;
  value: string | null;
}

/** Free pages worth giving back to the file system at once (4 KiB pages: 1 MiB). */
const RECLAIM_THRESHOLD_PAGES = 256;

/**
 * The SQLite backend, a kine-like log table: one row per write, (key, rev) indexed. The revision is
 * the row's primary key. Compaction deletes superseded rows and tombstones; freed pages are reused
 * by later writes and returned to the file system by incremental vacuum, so the file stays bounded.
 */
class SqliteEngine implements LocalEngine {
  readonly backend = 'sqlite' as const;
  private readonly db: Database.Database;
  private rev: number;
  private compacted: number;
  private readonly stmt;
  private readonly checkpoints: Checkpoints;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(dirname(options.path), { recursive: true });
    try {
      this.db = new Database(options.path);
      // auto_vacuum only takes effect on a database without tables, so it comes first.
      this.db.pragma('auto_vacuum = INCREMENTAL');
      this.db.pragma('journal_mode = WAL');
      // Checkpoints run on a worker thread (sqlite-checkpoints.ts), not inside our commits.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
      this.db.pragma('journal_size_limit = 8388608');
      this.db.pragma('cache_size = -32768');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS log (
          rev INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          create_rev INTEGER NOT NULL,
          prev_rev INTEGER NOT NULL,
          value TEXT
        );
        CREATE INDEX IF NOT EXISTS log_key_rev ON log (key, rev);
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      `);
    } catch (cause) {
      throw new StorageError('Unavailable', `cannot open SQLite database ${options.path}: ${String(cause)}`, undefined, { cause });
    }
    const db = this.db;
    this.stmt = {
      latest: db.prepare<[string], DbRow>('SELECT rev, key, create_rev, prev_rev, value FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1'),
      head: db.prepare<[string], [number, number, number]>('SELECT rev, create_rev, value IS NULL FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1').raw(),
      valueAt: db.prepare<[number], [string | null]>('SELECT value FROM log WHERE rev = ?').raw(),
      insert: db.prepare<[number, string, number, number, string | null]>(
        'INSERT INTO log (rev, key, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?)',
      ),
      // The live version of each key at a revision: the newest row at or before it, unless a tombstone.
      range: db.prepare<[string, string, number, number, number], DbRow>(`
        SELECT l.rev, l.key, l.create_rev, l.prev_rev, l.value FROM log l
        WHERE l.key >= ? AND l.key < ? AND l.rev <= ?
          AND l.rev = (SELECT max(m.rev) FROM log m WHERE m.key = l.key AND m.rev <= ?)
          AND l.value IS NOT NULL
        ORDER BY l.key LIMIT ?`),
      count: db.prepare<[string, string, number, number], { n: number }>(`
        SELECT count(*) AS n FROM log l
        WHERE l.key >= ? AND l.key < ? AND l.rev <= ?
          AND l.rev = (SELECT max(m.rev) FROM log m WHERE m.key = l.key AND m.rev <= ?)
          AND l.value IS NOT NULL`),
      history: db.prepare<[number, string, string], DbRow & { prev_value: string | null }>(`
        SELECT l.rev, l.key, l.create_rev, l.prev_rev, l.value, p.value AS prev_value
        FROM log l LEFT JOIN log p ON p.rev = l.prev_rev
        WHERE l.rev > ? AND l.key >= ? AND l.key < ? ORDER BY l.rev`),
      maxRev: db.prepare<[], { rev: number | null }>('SELECT max(rev) AS rev FROM log'),
      getMeta: db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE name = ?'),
      setMeta: db.prepare<[string, number]>('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
      dropSuperseded: db.prepare<[number, number]>(
        'DELETE FROM log WHERE rev IN (SELECT prev_rev FROM log WHERE rev > ? AND rev <= ? AND prev_rev > 0)',
      ),
      dropTombstones: db.prepare<[number, number]>('DELETE FROM log WHERE rev > ? AND rev <= ? AND value IS NULL'),
    };
    this.checkpoints = new Checkpoints(options.path, () => {
      this.checkpoint('PASSIVE');
    });
    this.compacted = this.stmt.getMeta.get('compacted')?.value ?? 0;
    // A compaction may have removed the newest row (a tombstone), so the counter is at least `compacted`.
    this.rev = Math.max(this.stmt.maxRev.get()?.rev ?? 0, this.compacted);
  }

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  latest(key: string): Row | undefined {
    const row = this.stmt.latest.get(key);
    return row && toRow(row);
  }

  head(key: string): Head | undefined {
    const r = this.stmt.head.get(key);
    return r && { rev: r[0], createRev: r[1], deleted: r[2] === 1 };
  }

  valueAt(rev: number): string | null {
    return this.stmt.valueAt.get(rev)?.[0] ?? null;
  }

  append(row: Row): void {
    this.stmt.insert.run(row.rev, row.key, row.createRev, row.prevRev, row.value);
    this.rev = row.rev;
    this.checkpoints.wrote(framesForInsert(row.value?.length ?? 0));
  }

  range(start: string, end: string, revision: number, limit: number): RangePage {
    const rows = this.stmt.range.all(start, end, revision, revision, limit > 0 ? limit + 1 : -1).map(toRow);
    if (limit > 0 && rows.length > limit) {
      const next = rows.pop();
      return next ? { rows, nextKey: next.key } : { rows };
    }
    return { rows };
  }

  count(start: string, end: string, revision: number): number {
    return this.stmt.count.get(start, end, revision, revision)?.n ?? 0;
  }

  *history(start: string, end: string, after: number): Iterable<HistoryRow> {
    for (const row of this.stmt.history.iterate(after, start, end)) {
      yield { ...toRow(row), prevValue: row.prev_value };
    }
  }

  compactStep(revision: number, maxRevisions: number): number {
    const from = this.compacted;
    const target = Math.min(revision, from + maxRevisions);
    if (target <= from) return from;
    const deleted = this.db.transaction(() => {
      const rows = this.stmt.dropSuperseded.run(from, target).changes + this.stmt.dropTombstones.run(from, target).changes;
      this.stmt.setMeta.run('compacted', target);
      return rows;
    })();
    this.compacted = target;
    // A rough count of the pages the deletes touched: only used to decide when to checkpoint.
    this.checkpoints.wrote(2 + Math.ceil(deleted / 2));
    return target;
  }

  reclaim(): Promise<void> {
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    if (free >= RECLAIM_THRESHOLD_PAGES) this.db.pragma('incremental_vacuum');
    // Rare (after a compaction), so the writer may do this one checkpoint and its fsync itself.
    return this.checkpoints.whenIdle(() => {
      this.checkpoint('TRUNCATE');
    });
  }

  close(): void {
    this.checkpoints.close();
    this.db.close();
  }

  private checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.db.pragma(`wal_checkpoint(${mode})`);
  }
}

function toRow(r: DbRow): Row {
  return { rev: r.rev, key: r.key, createRev: r.create_rev, prevRev: r.prev_rev, value: r.value };
}

export function openSqliteStore(options: SqliteStoreOptions): LocalStore {
  return new LocalStore(new SqliteEngine(options), options);
}
