import { Etcd3 } from 'etcd3';
import type { IDuplexStream, IEvent, IKeyValue, IWatchRequest, IWatchResponse } from 'etcd3';
import { closed, compacted, conflict, futureRevision, keyExists, notFound, StorageError } from './errors.js';
import { Subscription, WatchHub } from './hub.js';
import {
  decodeContinue,
  decodeValue,
  encodeContinue,
  encodeValue,
  KEY_ROOT,
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

export interface EtcdStoreOptions extends CommonStoreOptions {
  /** Client URLs, e.g. http://127.0.0.1:2379. */
  readonly endpoints: readonly string[];
  /** Recent events kept in process so that watches from a recent revision need no etcd stream. */
  readonly watchCacheEvents?: number;
  readonly dialTimeoutMs?: number;
}

/** Where kube-apiserver records the last compaction, so several API servers compact once. */
const COMPACT_REV_KEY = 'compact_rev_key';
const RECONNECT_MS = { min: 100, max: 5_000 };

type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

const buf = (s: string): Buffer => Buffer.from(s, 'utf8');
const num = (s: string | undefined): number => Number(s ?? 0);
const noDecoration: Decorator = () => undefined;

/**
 * The etcd v3 backend. Keys are kube-apiserver's (`/registry/...`) and values are JSON, so an operator
 * with etcdctl sees the familiar layout. One etcd watch over `/registry/` feeds an in-process hub
 * that serves every watcher from a recent revision (including writes by other API servers sharing
 * the etcd); a watch from further back gets its own etcd watch stream.
 */
export class EtcdStore implements Store {
  readonly backend = 'etcd' as const;
  private readonly client: Etcd3;
  private readonly hub: WatchHub;
  private readonly decorate: Decorator;
  private readonly maxValueBytes: number;
  private readonly compaction: CompactionOptions;
  private readonly dedicated = new Set<Subscription>();
  private globalStream: WatchStream | undefined;
  private compactTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay = RECONNECT_MS.min;
  private lastTickRevision: number | undefined;
  private compactedAt = 0;
  private compactInFlight: Promise<void> | undefined;
  private isClosed = false;

  private constructor(client: Etcd3, startRevision: number, options: EtcdStoreOptions) {
    this.client = client;
    this.decorate = options.decorate ?? noDecoration;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    this.compaction = options.compaction ?? DEFAULT_COMPACTION;
    this.hub = new WatchHub(startRevision, options.watchCacheEvents ?? 10_000, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS);
    if (this.compaction.intervalMs > 0) {
      this.compactTimer = setInterval(() => {
        void this.onCompactionTick().catch(() => undefined);
      }, this.compaction.intervalMs);
      this.compactTimer.unref();
    }
  }

  static async open(options: EtcdStoreOptions): Promise<EtcdStore> {
    if (options.endpoints.length === 0) throw new StorageError('Unavailable', 'no etcd endpoints given');
    const client = new Etcd3({
      hosts: [...options.endpoints],
      dialTimeout: options.dialTimeoutMs ?? 5_000,
      // Like kube-apiserver: a full list of a large resource exceeds gRPC's 4 MiB default.
      grpcOptions: { 'grpc.max_receive_message_length': -1 },
    });
    try {
      const head = await client.kv.range({ key: buf(COMPACT_REV_KEY) });
      const store = new EtcdStore(client, num(head.header.revision), options);
      store.compactedAt = head.kvs[0] ? Number(head.kvs[0].value.toString()) : 0;
      await store.startGlobalWatch();
      return store;
    } catch (e) {
      client.close();
      throw mapError(e);
    }
  }

  async get(key: string): Promise<StoredValue | undefined> {
    validateKey(key);
    const res = await this.call(() => this.client.kv.range({ key: buf(key) }));
    const kv = res.kvs[0];
    return kv ? this.toStored(kv) : undefined;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    validatePrefix(prefix);
    const limit = options.limit ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new StorageError('InvalidValue', `limit must be a non-negative integer, not ${limit}`);
    }
    let revision = 0;
    let start = prefix;
    if (options.continue !== undefined && options.continue !== '') {
      ({ revision, start } = decodeContinue(options.continue, prefix));
    } else if (options.revision !== undefined && options.revision > 0) {
      revision = options.revision;
    }
    // etcd compacts after the compaction is recorded under its key; refuse what is recorded, as watch does.
    if (revision > 0 && revision < this.compactedAt) throw compacted(revision, this.compactedAt);
    const end = prefixEnd(prefix);
    const res = await this.call(() =>
      this.client.kv.range({ key: buf(start), range_end: buf(end), limit: limit > 0 ? limit + 1 : 0, revision }),
    );
    const at = revision > 0 ? revision : num(res.header.revision);
    const kvs = res.kvs;
    const items = kvs.slice(0, limit > 0 ? limit : kvs.length).map((kv) => this.toStored(kv));
    const next = limit > 0 && kvs.length > limit ? kvs[limit] : undefined;
    if (!next) return { items, revision: at };
    return {
      items,
      revision: at,
      continue: encodeContinue(at, prefix, next.key.toString()),
      remaining: num(res.count) - limit,
    };
  }

  async create(key: string, value: JsonObject): Promise<StoredValue> {
    validateKey(key);
    const text = encodeValue(key, value, this.maxValueBytes);
    const res = await this.call(() =>
      this.client.kv.txn({
        compare: [{ key: buf(key), target: 'Create', result: 'Equal', create_revision: 0 }],
        success: [{ request_put: { key: buf(key), value: buf(text) } }],
      }),
    );
    if (!res.succeeded) throw keyExists(key);
    const revision = num(res.header.revision);
    this.afterWrite(revision);
    return this.owned(key, value, revision, revision);
  }

  async update(key: string, value: JsonObject, expectedRevision: number): Promise<StoredValue> {
    validateKey(key);
    const text = encodeValue(key, value, this.maxValueBytes);
    const res = await this.call(() =>
      this.client.kv.txn({
        compare: [{ key: buf(key), target: 'Mod', result: 'Equal', mod_revision: expectedRevision }],
        success: [{ request_put: { key: buf(key), value: buf(text), prev_kv: true } }],
        failure: [{ request_range: { key: buf(key) } }],
      }),
    );
    if (!res.succeeded) throw this.failedPrecondition(key, expectedRevision, res.responses[0]?.response_range.kvs[0]);
    const revision = num(res.header.revision);
    const prev = res.responses[0]?.response_put.prev_kv;
    this.afterWrite(revision);
    return this.owned(key, value, revision, prev ? num(prev.create_revision) : revision);
  }

  async delete(key: string, expectedRevision?: number): Promise<StoredValue> {
    validateKey(key);
    const guard =
      expectedRevision === undefined
        ? { key: buf(key), target: 'Version' as const, result: 'Greater' as const, version: 0 }
        : { key: buf(key), target: 'Mod' as const, result: 'Equal' as const, mod_revision: expectedRevision };
    const res = await this.call(() =>
      this.client.kv.txn({
        compare: [guard],
        success: [{ request_delete_range: { key: buf(key), prev_kv: true } }],
        failure: [{ request_range: { key: buf(key) } }],
      }),
    );
    if (!res.succeeded) throw this.failedPrecondition(key, expectedRevision ?? 0, res.responses[0]?.response_range.kvs[0]);
    const prev = res.responses[0]?.response_delete_range.prev_kvs[0];
    if (!prev) throw notFound(key);
    const revision = num(res.header.revision);
    this.afterWrite(revision);
    return this.toStored(prev, revision);
  }

  async watch(prefix: string, fromRevision: number, listener: WatchListener, options: WatchOptions = {}): Promise<Watch> {
    validatePrefix(prefix);
    if (this.isClosed) throw closed();
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new StorageError('InvalidValue', `watch revision must be a non-negative integer, not ${fromRevision}`);
    }
    const progress = options.progressNotify ?? false;
    // The ring may still hold compacted history; refuse it anyway, as every backend does.
    if (fromRevision < this.compactedAt) throw compacted(fromRevision, this.compactedAt);
    const cached = this.hub.subscribeFromRing(prefix, fromRevision, listener, progress);
    if (cached) return cached;
    const compactedAt = await this.compactedRevision();
    if (fromRevision < compactedAt) throw compacted(fromRevision, compactedAt);
    return this.dedicatedWatch(prefix, fromRevision, listener, progress);
  }

  async currentRevision(): Promise<number> {
    const res = await this.call(() => this.client.kv.range({ key: buf(COMPACT_REV_KEY), count_only: true }));
    return num(res.header.revision);
  }

  async compactedRevision(): Promise<number> {
    const res = await this.call(() => this.client.kv.range({ key: buf(COMPACT_REV_KEY) }));
    const kv = res.kvs[0];
    this.compactedAt = kv ? Number(kv.value.toString()) : 0;
    return this.compactedAt;
  }

  async compact(revision: number): Promise<void> {
    const current = await this.currentRevision();
    if (revision > current) throw futureRevision(revision, current);
    // Record the compaction under kube-apiserver's key first, so concurrent servers agree on it.
    const res = await this.call(() => this.client.kv.range({ key: buf(COMPACT_REV_KEY) }));
    const kv = res.kvs[0];
    const done = kv ? Number(kv.value.toString()) : 0;
    if (revision <= done) return;
    const txn = await this.call(() =>
      this.client.kv.txn({
        compare: [{ key: buf(COMPACT_REV_KEY), target: 'Version', result: 'Equal', version: kv ? num(kv.version) : 0 }],
        success: [{ request_put: { key: buf(COMPACT_REV_KEY), value: buf(String(revision)) } }],
      }),
    );
    if (!txn.succeeded) return; // another server compacted meanwhile
    try {
      await this.client.kv.compact({ revision, physical: true });
    } catch (e) {
      const mapped = mapError(e);
      if (mapped.code !== 'Compacted') throw mapped;
    }
    this.compactedAt = revision;
  }

  close(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.isClosed = true;
    if (this.compactTimer) clearInterval(this.compactTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.hub.close(closed());
    for (const sub of [...this.dedicated]) sub.end(closed());
    this.globalStream?.cancel();
    this.client.close();
    return Promise.resolve();
  }

  private async startGlobalWatch(): Promise<void> {
    const stream = await this.client.watchClient.watch();
    this.globalStream = stream;
    const created = new Promise<void>((resolve, reject) => {
      stream.on('data', (res: IWatchResponse) => {
        if (res.created) {
          this.reconnectDelay = RECONNECT_MS.min;
          resolve();
        }
        this.onGlobalResponse(res);
      });
      const lost = (err?: Error): void => {
        reject(err ?? new Error('etcd watch stream ended'));
        if (this.globalStream === stream) this.reconnectGlobalWatch();
      };
      stream.on('error', lost);
      stream.on('end', () => {
        lost();
      });
    });
    stream.write({
      create_request: {
        key: buf(KEY_ROOT),
        range_end: buf(prefixEnd(KEY_ROOT)),
        start_revision: this.hub.lastRevision + 1,
        prev_kv: true,
        progress_notify: true,
      },
    });
    await created;
  }

  private onGlobalResponse(res: IWatchResponse): void {
    if (res.canceled) {
      // The hub fell behind a compaction (etcd was unreachable for long): its watchers must relist.
      const at = num(res.compact_revision);
      this.hub.restart(compacted(this.hub.lastRevision, at), Math.max(at, num(res.header.revision)));
      this.globalStream?.cancel();
      this.reconnectGlobalWatch();
      return;
    }
    for (const ev of res.events) this.hub.publish(this.toEvent(ev));
    // etcd's periodic progress notification reaches a watcher only once it has all events up to it.
    if (res.events.length === 0 && !res.created) this.hub.advance(num(res.header.revision));
  }

  private reconnectGlobalWatch(): void {
    if (this.isClosed || this.reconnectTimer) return;
    this.globalStream = undefined;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.startGlobalWatch().catch(() => {
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MS.max);
      });
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  private async dedicatedWatch(prefix: string, fromRevision: number, listener: WatchListener, progress: boolean): Promise<Watch> {
    const stream = await this.call(() => this.client.watchClient.watch());
    const sub = new Subscription(prefix, fromRevision, listener, progress, false, (s) => {
      this.dedicated.delete(s);
      stream.cancel();
    });
    this.dedicated.add(sub);
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (res: IWatchResponse) => {
        if (res.canceled) {
          const err = num(res.compact_revision) > 0 ? compacted(fromRevision, num(res.compact_revision)) : new StorageError('Unavailable', res.cancel_reason || 'etcd canceled the watch');
          reject(err);
          sub.end(err);
          return;
        }
        if (res.created) resolve();
        for (const ev of res.events) sub.deliver(this.toEvent(ev));
        if (res.events.length === 0 && !res.created) sub.progressTo(num(res.header.revision));
      });
      const lost = (err?: Error): void => {
        const e = new StorageError('Unavailable', 'etcd watch stream lost', undefined, { cause: err });
        reject(e);
        sub.end(e);
      };
      stream.on('error', lost);
      stream.on('end', () => {
        lost();
      });
      stream.write({
        create_request: {
          key: buf(prefix),
          range_end: buf(prefixEnd(prefix)),
          start_revision: fromRevision + 1,
          prev_kv: true,
          progress_notify: true,
        },
      });
    });
    return sub;
  }

  private afterWrite(revision: number): void {
    const retain = this.compaction.retainRevisions;
    if (retain > 0 && !this.compactInFlight && revision - this.compactedAt >= 2 * retain) {
      this.compactInFlight = this.compact(revision - retain)
        .catch(() => undefined)
        .finally(() => (this.compactInFlight = undefined));
    }
  }

  private async onCompactionTick(): Promise<void> {
    const current = await this.currentRevision();
    let target = this.lastTickRevision ?? 0;
    if (this.compaction.retainRevisions > 0) target = Math.max(target, current - this.compaction.retainRevisions);
    this.lastTickRevision = current;
    if (target > this.compactedAt) await this.compact(target);
  }

  private failedPrecondition(key: string, expected: number, current: IKeyValue | undefined): StorageError {
    return current ? conflict(key, expected, num(current.mod_revision)) : notFound(key);
  }

  private toEvent(ev: IEvent): ObjectEvent {
    const key = ev.kv.key.toString();
    const revision = num(ev.kv.mod_revision);
    // etcd3's typings say prev_kv is always there; it is null when the key did not exist before.
    const prev = ev.prev_kv as IKeyValue | null;
    if (ev.type === 'Delete') {
      // Like kube-apiserver, a deleted object carries the revision of its deletion.
      const value = prev && prev.value.length > 0 ? this.decoded(prev.value, revision) : {};
      return { type: 'DELETED', key, value, revision, createRevision: num(prev?.create_revision) };
    }
    const prevValue = prev && prev.value.length > 0 ? this.decoded(prev.value, num(prev.mod_revision)) : undefined;
    const value = this.decoded(ev.kv.value, revision);
    const createRevision = num(ev.kv.create_revision);
    return prevValue === undefined || createRevision === revision
      ? { type: 'ADDED', key, value, revision, createRevision }
      : { type: 'MODIFIED', key, value, prevValue, revision, createRevision };
  }

  private decoded(bytes: Buffer, revision: number): JsonObject {
    const value = decodeValue(bytes.toString('utf8'));
    this.decorate(value, revision);
    return value;
  }

  /** A stored value; a deletion passes its own revision instead of the key's. */
  private toStored(kv: IKeyValue, revision = num(kv.mod_revision)): StoredValue {
    return { key: kv.key.toString(), value: this.decoded(kv.value, revision), revision, createRevision: num(kv.create_revision) };
  }

  private owned(key: string, value: JsonObject, revision: number, createRevision: number): StoredValue {
    this.decorate(value, revision);
    return { key, value, revision, createRevision };
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.isClosed) throw closed();
    try {
      return await fn();
    } catch (e) {
      throw mapError(e);
    }
  }
}

function mapError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes('required revision has been compacted')) {
    return new StorageError('Compacted', 'the requested revision has been compacted', undefined, { cause: e });
  }
  if (message.includes('required revision is a future revision')) {
    return new StorageError('FutureRevision', 'the requested revision is newer than the store', undefined, { cause: e });
  }
  if (message.includes('request is too large')) {
    return new StorageError('ValueTooLarge', 'etcd rejected the request as too large', undefined, { cause: e });
  }
  return new StorageError('Unavailable', `etcd: ${message}`, undefined, { cause: e });
}

export function openEtcdStore(options: EtcdStoreOptions): Promise<EtcdStore> {
  return EtcdStore.open(options);
}
