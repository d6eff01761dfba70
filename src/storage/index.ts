import type { EtcdStoreOptions } from './etcd.js';
import type { Store } from './types.js';

export type {
  CommonStoreOptions,
  CompactionOptions,
  Decorator,
  JsonObject,
  ListOptions,
  ListResult,
  ObjectEvent,
  ProgressEvent,
  Store,
  StoredValue,
  Watch,
  WatchEvent,
  WatchEventType,
  WatchListener,
  WatchOptions,
} from './types.js';
export { DEFAULT_COMPACTION, DEFAULT_MAX_VALUE_BYTES } from './types.js';
export { isStorageError, StorageError } from './errors.js';
export type { StorageErrorCode } from './errors.js';
export { KEY_ROOT, validateKey, validatePrefix } from './keys.js';
export { openMemoryStore } from './memory.js';
export { openSqliteStore } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export type { EtcdStoreOptions } from './etcd.js';

/** The etcd backend, loaded on first use: its gRPC client costs a quarter second to import. */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<Store> {
  const { openEtcdStore: open } = await import('./etcd.js');
  return open(options);
}
