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
export { openEtcdStore } from './etcd.js';
export type { EtcdStoreOptions } from './etcd.js';
