import { cloneJson } from '../lib/json.js';
import type { LocalEngine, Row } from './engine.js';
import { closed, compacted, conflict, futureRevision, keyExists, notFound, StorageError } from './errors.js';
import { WatchHub } from './hub.js';
import {
  decodeContinue,
  decodeValue,
  encodeContinue,
  encodeValue,
  prefixEnd,
  validateKey,
  validatePrefix,
} from './keys.js';
import type {
  CommonStoreOptions,
  CompactionOptions,
  Decorator,
  JsonObject,
  ListOptions,
  ListResult,
  ObjectEvent,
  Store,
  StoredValue,
  Watch,
  WatchListener,
  WatchOptions,
} from './types.js';
import { DEFAULT_COMPACTION, DEFAULT_MAX_VALUE_BYTES, DEFAULT_PROGRESS_INTERVAL_MS } from './types.js';

/** Revisions compacted per step, so that one step never holds the event loop for long. */
const COMPACTION_STEP = 5_000;
/**
 * Keys whose last published value is kept to serve the next read of the key and the next MODIFIED
 * event's prevValue without reading and parsing it again (objects are usually read and updated
 * soon after they are written: a pod's binding and status follow its create). Bounded: values are
 * a few KiB each.
 */
const RECENT_VALUES = 1_000;

const noDecoration: Decorator = () => undefined;

/**
 * The Store contract over a synchronous single-process engine (memory, SQLite). Because the engine
 * is synchronous, each write runs start to finish without interleaving: the revision check, the
 * append and the fan-out to watchers are one atomic step, and a watch can replay history and go
 * live in the same step with no gap.
 */
export class LocalStore implements Store {
  readonly backend: 'memory' | 'sqlite';
  private readonly hub: WatchHub;
  private readonly decorate: Decorator;
  private readonly maxValueBytes: number;
  private readonly compaction: CompactionOptions;
  private compactTimer: NodeJS.Timeout | undefined;
  private lastTickRevision: number | undefined;
  private compactTarget = 0;
  private compacting = false;
  private isClosed = false;
  /** key → the value (and revision) of its last published ADDED/MODIFIED event; shared, never mutated. */
  private readonly recent = new Map<string, { readonly revision: number; readonly createRevision: number; readonly value: JsonObject }>();

  constructor(
    private readonly engine: LocalEngine,
    options: CommonStoreOptions = {},
  ) {
    this.backend = engine.backend;
    this.decorate = options.decorate ?? noDecoration;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    this.compaction = options.compaction ?? DEFAULT_COMPACTION;
    this.hub = new WatchHub(engine.revision(), 0, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS);
    if (this.compaction.intervalMs > 0) {
      this.compactTimer = setInterval(() => {
        this.onCompactionTick();
      }, this.compaction.intervalMs);
      this.compactTimer.unref();
    }
  }

  get(key: string): Promise<StoredValue | undefined> {
    return this.run(() => {
      validateKey(key);
      // Every write of a key replaces or drops its entry, so a kept value is the latest one.
      const kept = this.recent.get(key);
      if (kept !== undefined) return { key, value: cloneJson(kept.value), revision: kept.revision, createRevision: kept.createRevision };
      const row = this.engine.latest(key);
      return row?.value == null ? undefined : this.toStored(row, row.value);
    });
  }

  list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    return this.run(() => {
      validatePrefix(prefix);
      const limit = options.limit ?? 0;
      if (!Number.isSafeInteger(limit) || limit < 0) {
        throw new StorageError('InvalidValue', `limit must be a non-negative integer, not ${limit}`);
      }
      const current = this.engine.revision();
      let revision = current;
      let start = prefix;
      if (options.continue !== undefined && options.continue !== '') {
        ({ revision, start } = decodeContinue(options.continue, prefix));
      } else if (options.revision !== undefined && options.revision > 0) {
        revision = options.revision;
      }
      if (revision > current) throw futureRevision(revision, current);
      this.checkNotCompacted(revision);
      const end = prefixEnd(prefix);
      const page = this.engine.range(start, end, revision, limit);
      const items = page.rows.map((row) => this.toStored(row, row.value ?? '{}'));
      if (page.nextKey === undefined) return { items, revision };
      const next = { items, revision, continue: encodeContinue(revision, prefix, page.nextKey) };
      return options.countRemaining === false ? next : { ...next, remaining: this.engine.count(page.nextKey, end, revision) };
    });
  }

  create(key: string, value: JsonObject): Promise<StoredValue> {
    return this.run(() => {
      validateKey(key);
      const text = encodeValue(key, value, this.maxValueBytes);
      const head = this.engine.head(key);
      if (head && !head.deleted) throw keyExists(key);
      const rev = this.engine.revision() + 1;
      this.write({ rev, key, createRev: rev, prevRev: head?.rev ?? 0, value: text }, () => null, value);
      return this.owned(key, value, rev, rev);
    });
  }

  update(key: string, value: JsonObject, expectedRevision: number): Promise<StoredValue> {
    return this.run(() => {
      validateKey(key);
      const text = encodeValue(key, value, this.maxValueBytes);
      const head = this.engine.head(key);
      if (!head || head.deleted) throw notFound(key);
      if (head.rev !== expectedRevision) throw conflict(key, expectedRevision, head.rev);
      const rev = this.engine.revision() + 1;
      this.write({ rev, key, createRev: head.createRev, prevRev: head.rev, value: text }, () => this.engine.valueAt(head.rev), value);
      return this.owned(key, value, rev, head.createRev);
    });
  }

  delete(key: string, expectedRevision?: number): Promise<StoredValue> {
    return this.run(() => {
      validateKey(key);
      const latest = this.engine.latest(key);
      if (latest?.value == null) throw notFound(key);
      if (expectedRevision !== undefined && latest.rev !== expectedRevision) {
        throw conflict(key, expectedRevision, latest.rev);
      }
      const rev = this.engine.revision() + 1;
      this.write({ rev, key, createRev: latest.createRev, prevRev: latest.rev, value: null }, () => latest.value);
      return this.toStored({ ...latest, rev }, latest.value);
    });
  }

  watch(prefix: string, fromRevision: number, listener: WatchListener, options: WatchOptions = {}): Promise<Watch> {
    return this.run(() => {
      validatePrefix(prefix);
      if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
        throw new StorageError('InvalidValue', `watch revision must be a non-negative integer, not ${fromRevision}`);
      }
      this.checkNotCompacted(fromRevision);
      // Replay and subscribe in one synchronous step: no write can fall between them.
      const sub = this.hub.subscribe(prefix, fromRevision, listener, options.progressNotify ?? false, true);
      for (const row of this.engine.history(prefix, prefixEnd(prefix), fromRevision)) {
        sub.deliver(this.toEvent(row, row.prevValue));
      }
      sub.goLive();
      return sub;
    });
  }

  currentRevision(): Promise<number> {
    return this.run(() => this.engine.revision());
  }

  compactedRevision(): Promise<number> {
    return this.run(() => this.engine.compactedRevision());
  }

  async compact(revision: number): Promise<void> {
    await this.run(() => {
      const current = this.engine.revision();
      if (revision > current) throw futureRevision(revision, current);
      while (this.engine.compactedRevision() < revision) {
        this.engine.compactStep(revision, COMPACTION_STEP);
      }
      return this.engine.reclaim();
    });
  }

  close(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.isClosed = true;
    if (this.compactTimer) clearInterval(this.compactTimer);
    this.hub.close(closed());
    this.engine.close();
    return Promise.resolve();
  }

  /**
   * Appends `row` and publishes its event; the previous value is read only if a watcher wants it.
   * `written` is the object `row.value` was serialized from: the event gets a copy of it, which is
   * cheaper than parsing the text again.
   */
  private write(row: Row, prevValue: () => string | null, written?: JsonObject): void {
    this.engine.append(row);
    if (!this.hub.wants(row.key)) {
      this.hub.advance(row.rev);
      this.recent.delete(row.key);
    } else {
      const kept = this.recent.get(row.key);
      const known = kept !== undefined && kept.revision === row.prevRev && row.value !== null ? kept.value : undefined;
      const event = this.toEvent(row, known === undefined ? prevValue() : null, known, written);
      this.hub.publish(event);
      this.remember(event);
    }
    const retain = this.compaction.retainRevisions;
    if (retain > 0 && row.rev - Math.max(this.engine.compactedRevision(), this.compactTarget) >= 2 * retain) {
      this.scheduleCompaction(row.rev - retain);
    }
  }

  private remember(event: ObjectEvent): void {
    this.recent.delete(event.key);
    if (event.type === 'DELETED') return;
    this.recent.set(event.key, { revision: event.revision, createRevision: event.createRevision, value: event.value });
    if (this.recent.size > RECENT_VALUES) {
      const oldest = this.recent.keys().next();
      if (oldest.done !== true) this.recent.delete(oldest.value);
    }
  }

  private onCompactionTick(): void {
    const current = this.engine.revision();
    let target = this.lastTickRevision ?? 0;
    if (this.compaction.retainRevisions > 0) target = Math.max(target, current - this.compaction.retainRevisions);
    this.lastTickRevision = current;
    if (target > 0) this.scheduleCompaction(target);
  }

  /** Compacts in the background, a step per macrotask, so writers are never stalled for long. */
  private scheduleCompaction(target: number): void {
    if (target <= this.compactTarget) return;
    this.compactTarget = target;
    if (this.compacting) return;
    this.compacting = true;
    const step = (): void => {
      if (this.isClosed) return;
      if (this.engine.compactedRevision() < this.compactTarget) {
        this.engine.compactStep(this.compactTarget, COMPACTION_STEP);
        setImmediate(step);
        return;
      }
      this.compacting = false;
      Promise.resolve(this.engine.reclaim()).catch(() => undefined);
    };
    setImmediate(step);
  }

  private checkNotCompacted(revision: number): void {
    const compactedAt = this.engine.compactedRevision();
    if (revision < compactedAt) throw compacted(revision, compactedAt);
  }

  /**
   * `knownPrev`: the previous value already decoded (a live write's), in place of `prevText`;
   * `written`: the object `row.value` is the JSON of.
   */
  private toEvent(row: Row, prevText: string | null, knownPrev?: JsonObject, written?: JsonObject): ObjectEvent {
    if (row.value === null) {
      // Like kube-apiserver, a deleted object carries the revision of its deletion.
      const value = prevText === null ? {} : this.decoded(prevText, row.rev);
      return { type: 'DELETED', key: row.key, value, revision: row.rev, createRevision: row.createRev };
    }
    const prevValue = knownPrev ?? (prevText === null ? undefined : this.decoded(prevText, row.prevRev));
    const value = written === undefined ? this.decoded(row.value, row.rev) : this.copied(written, row.rev);
    return prevValue === undefined
      ? { type: 'ADDED', key: row.key, value, revision: row.rev, createRevision: row.createRev }
      : { type: 'MODIFIED', key: row.key, value, prevValue, revision: row.rev, createRevision: row.createRev };
  }

  private decoded(text: string, revision: number): JsonObject {
    const value = decodeValue(text);
    this.decorate(value, revision);
    return value;
  }

  private copied(value: JsonObject, revision: number): JsonObject {
    const copy = cloneJson(value);
    this.decorate(copy, revision);
    return copy;
  }

  private toStored(row: Row, text: string): StoredValue {
    return { key: row.key, value: this.decoded(text, row.rev), revision: row.rev, createRevision: row.createRev };
  }

  /** The caller's own object becomes the returned value: written once, never re-parsed. */
  private owned(key: string, value: JsonObject, revision: number, createRevision: number): StoredValue {
    this.decorate(value, revision);
    return { key, value, revision, createRevision };
  }

  private run<T>(fn: () => T): Promise<T> {
    if (this.isClosed) return Promise.reject(closed());
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
