import type { ObjectLike } from '../client/index.js';

/** The values an object is indexed under (none: not in the index). */
export type IndexFunc<T> = (obj: T) => readonly string[];

export const NAMESPACE_INDEX = 'namespace';
export const OWNER_UID_INDEX = 'owner-uid';

export const namespaceIndex: IndexFunc<ObjectLike> = (obj) => [obj.metadata?.namespace ?? ''];
export const ownerUidIndex: IndexFunc<ObjectLike> = (obj) => (obj.metadata?.ownerReferences ?? []).map((r) => r.uid);

/** Asked for an index that was never added. */
export class UnknownIndexError extends Error {
  override readonly name = 'UnknownIndexError';
}

/**
 * Objects by key plus secondary indexes (value → keys), kept in step on every change. Built in:
 * by namespace and by owner UID.
 */
export class Indexer<T extends ObjectLike> {
  private readonly items = new Map<string, T>();
  private readonly funcs = new Map<string, IndexFunc<T>>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Readonly<Record<string, IndexFunc<T>>> = {}) {
    this.addIndex(NAMESPACE_INDEX, namespaceIndex);
    this.addIndex(OWNER_UID_INDEX, ownerUidIndex);
    for (const [name, fn] of Object.entries(indexers)) this.addIndex(name, fn);
  }

  get size(): number {
    return this.items.size;
  }

  hasIndex(name: string): boolean {
    return this.funcs.has(name);
  }

  /** Adds an index over the current and future objects. Adding the same function again is a no-op. */
  addIndex(name: string, fn: IndexFunc<T>): void {
    const existing = this.funcs.get(name);
    if (existing === fn) return;
    if (existing) throw new Error(`index "${name}" already exists with another function`);
    this.funcs.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    for (const [key, obj] of this.items) for (const value of fn(obj)) addTo(index, value, key);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** Stores `obj` under `key`; returns what it replaced. */
  set(key: string, obj: T): T | undefined {
    const previous = this.items.get(key);
    if (previous) this.unindex(key, previous);
    this.items.set(key, obj);
    for (const [name, fn] of this.funcs) {
      const index = this.indices.get(name);
      if (index) for (const value of fn(obj)) addTo(index, value, key);
    }
    return previous;
  }

  delete(key: string): T | undefined {
    const previous = this.items.get(key);
    if (!previous) return undefined;
    this.unindex(key, previous);
    this.items.delete(key);
    return previous;
  }

  /** Keys of the objects indexed under `value`. */
  indexKeys(name: string, value: string): string[] {
    const index = this.indices.get(name);
    if (!index) throw new UnknownIndexError(`no index named "${name}"`);
    return [...(index.get(value) ?? [])];
  }

  countByIndex(name: string, value: string): number {
    const index = this.indices.get(name);
    if (!index) throw new UnknownIndexError(`no index named "${name}"`);
    return index.get(value)?.size ?? 0;
  }

  byIndex(name: string, value: string): T[] {
    const out: T[] = [];
    for (const key of this.indexKeys(name, value)) {
      const obj = this.items.get(key);
      if (obj) out.push(obj);
    }
    return out;
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.funcs) {
      const index = this.indices.get(name);
      if (!index) continue;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        if (!keys) continue;
        keys.delete(key);
        if (keys.size === 0) index.delete(value);
      }
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) {
    keys = new Set();
    index.set(value, keys);
  }
  keys.add(key);
}
