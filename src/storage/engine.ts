/**
 * A synchronous, single-process multi-version log: what the memory and SQLite backends have in
 * common underneath `LocalStore`. Every write appends one row; a row whose value is null is a
 * deletion (tombstone). `prevRev` points at the row the new one supersedes.
 */
export interface Row {
  readonly rev: number;
  readonly key: string;
  readonly createRev: number;
  readonly prevRev: number;
  /** JSON text, or null for a tombstone. */
  readonly value: string | null;
}

export interface Head {
  readonly rev: number;
  readonly createRev: number;
  readonly deleted: boolean;
}

/** A history row with the value it superseded (null when there was none or it was a tombstone). */
export interface HistoryRow extends Row {
  readonly prevValue: string | null;
}

export interface RangePage {
  /** Live (non-tombstone) rows in key order. */
  readonly rows: Row[];
  /** Key of the first row after the page, when there is one. */
  readonly nextKey?: string;
}

export interface LocalEngine {
  readonly backend: 'memory' | 'sqlite';
  /** The highest revision ever written (survives compaction). */
  revision(): number;
  compactedRevision(): number;
  /** The newest row for `key`, tombstone included. */
  latest(key: string): Row | undefined;
  /** The newest row for `key` without reading its value (write paths only need the revision). */
  head(key: string): Head | undefined;
  /** The value written at `rev` (null for a tombstone or a compacted row). */
  valueAt(rev: number): string | null;
  /** Appends one row atomically and durably (per the engine's durability mode). */
  append(row: Row): void;
  /** Keys in [start, end) as they were at `revision`, at most `limit` (0: all) live rows. */
  range(start: string, end: string, revision: number, limit: number): RangePage;
  /** How many keys in [start, end) were live at `revision`. */
  count(start: string, end: string, revision: number): number;
  /** Rows with rev > `after` whose key is in [start, end), in revision order. */
  history(start: string, end: string, after: number): Iterable<HistoryRow>;
  /** Drops history superseded at or before `revision`, at most `maxRevisions` revisions of it per call;
   * returns the revision compacted up to. */
  compactStep(revision: number, maxRevisions: number): number;
  /** Gives free space back to the file system where the engine has a file (may finish later). */
  reclaim(): Promise<void> | void;
  close(): void;
}
