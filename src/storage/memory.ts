import type { Head, HistoryRow, LocalEngine, RangePage, Row } from './engine.js';
import { LocalStore } from './local-store.js';
import type { CommonStoreOptions } from './types.js';

/** The memory backend: the same multi-version log as SQLite, in arrays. For unit tests. */
class MemoryEngine implements LocalEngine {
  readonly backend = 'memory' as const;
  /** Every retained row in revision order. */
  private log: Row[] = [];
  /** Retained rows per key, oldest first. */
  private readonly versions = new Map<string, Row[]>();
  private rev = 0;
  private compacted = 0;

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  latest(key: string): Row | undefined {
    return this.versions.get(key)?.at(-1);
  }

  head(key: string): Head | undefined {
    const row = this.latest(key);
    return row && { rev: row.rev, createRev: row.createRev, deleted: row.value === null };
  }

  valueAt(rev: number): string | null {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const row = this.log[i];
      if (row?.rev === rev) return row.value;
      if (row && row.rev < rev) break;
    }
    return null;
  }

  append(row: Row): void {
    this.log.push(row);
    let rows = this.versions.get(row.key);
    if (!rows) this.versions.set(row.key, (rows = []));
    rows.push(row);
    this.rev = row.rev;
  }

  range(start: string, end: string, revision: number, limit: number): RangePage {
    const rows: Row[] = [];
    for (const key of this.keysIn(start, end)) {
      const row = this.at(key, revision);
      if (!row) continue;
      if (limit > 0 && rows.length === limit) return { rows, nextKey: key };
      rows.push(row);
    }
    return { rows };
  }

  count(start: string, end: string, revision: number): number {
    return this.keysIn(start, end).filter((key) => this.at(key, revision)).length;
  }

  *history(start: string, end: string, after: number): Iterable<HistoryRow> {
    const byRev = new Map(this.log.map((r) => [r.rev, r]));
    for (const row of this.log) {
      if (row.rev <= after || row.key < start || row.key >= end) continue;
      yield { ...row, prevValue: byRev.get(row.prevRev)?.value ?? null };
    }
  }

  compactStep(revision: number, maxRevisions: number): number {
    const target = Math.min(revision, this.compacted + maxRevisions);
    if (target <= this.compacted) return this.compacted;
    const dropped = new Set<number>();
    for (const row of this.log) {
      if (row.rev > target) break;
      if (row.rev <= this.compacted) continue;
      if (row.prevRev > 0) dropped.add(row.prevRev);
      if (row.value === null) dropped.add(row.rev);
    }
    this.log = this.log.filter((r) => !dropped.has(r.rev));
    for (const [key, rows] of this.versions) {
      const kept = rows.filter((r) => !dropped.has(r.rev));
      if (kept.length === 0) this.versions.delete(key);
      else this.versions.set(key, kept);
    }
    this.compacted = target;
    return target;
  }

  reclaim(): void {
    // Dropped rows are garbage-collected by the JavaScript engine.
  }

  close(): void {
    this.log = [];
    this.versions.clear();
  }

  /** The live row of `key` as of `revision`, if any. */
  private at(key: string, revision: number): Row | undefined {
    const rows = this.versions.get(key) ?? [];
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i];
      if (row && row.rev <= revision) return row.value === null ? undefined : row;
    }
    return undefined;
  }

  private keysIn(start: string, end: string): string[] {
    return [...this.versions.keys()].filter((k) => k >= start && k < end).sort();
  }
}

export function openMemoryStore(options: CommonStoreOptions = {}): LocalStore {
  return new LocalStore(new MemoryEngine(), options);
}
