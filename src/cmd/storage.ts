import { join } from 'node:path';
import { decorateResourceVersion } from '../apiserver/index.js';
import { openEtcdStore, openMemoryStore, openSqliteStore, type Store } from '../storage/index.js';

export type StorageChoice = 'sqlite' | 'etcd' | 'memory';

/** The store a server persists to: SQLite in the data dir (default), etcd, or memory. */
export async function openStorage(options: { kind: StorageChoice; dataDir: string; etcdEndpoints?: string }): Promise<Store> {
  const common = { decorate: decorateResourceVersion };
  switch (options.kind) {
    case 'sqlite':
      return openSqliteStore({ path: join(options.dataDir, 'state.sqlite'), ...common });
    case 'memory':
      return openMemoryStore(common);
    case 'etcd': {
      const endpoints = (options.etcdEndpoints ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
      if (endpoints.length === 0) throw new Error('--storage etcd needs --etcd-endpoints');
      return openEtcdStore({ endpoints, ...common });
    }
    default:
      throw new Error(`unknown storage ${String(options.kind)}: use sqlite, etcd or memory`);
  }
}
