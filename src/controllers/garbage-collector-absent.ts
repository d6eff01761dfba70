/**
 * Owners known not to exist, by namespace and UID (kube's absentOwnerCache), least recently used
 * first out. UIDs are never reused, so an entry never becomes wrong; the bound only limits memory.
 */
export class AbsentOwnerCache {
  private readonly entries = new Map<string, true>();

  constructor(private readonly capacity = 1000) {}

  private static key(namespace: string, uid: string): string {
    return `${namespace}|${uid}`;
  }

  has(namespace: string, uid: string): boolean {
    const key = AbsentOwnerCache.key(namespace, uid);
    if (!this.entries.has(key)) return false;
    this.entries.delete(key);
    this.entries.set(key, true);
    return true;
  }

  add(namespace: string, uid: string): void {
    const key = AbsentOwnerCache.key(namespace, uid);
    this.entries.delete(key);
    this.entries.set(key, true);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
