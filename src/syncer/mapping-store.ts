/**
 * The mapping store (spec §1.7): virtual ↔ host name pairs per kind, recorded by the engine for
 * every object it syncs and forgotten when both sides are gone. Names are a pure function of the
 * virtual name in single-namespace mode, so the store lives in memory: after a restart it is
 * refilled as the engine reconciles everything. ConfigMap / Secret usage is answered by an index of
 * the virtual pods instead of store references (see resources/configmaps.ts).
 */
import type { NamespacedName } from './names.js';
import type { MappingStore } from './types.js';

function keyOf(name: NamespacedName): string {
  return `${name.namespace}/${name.name}`;
}

interface KindMappings {
  readonly toHost: Map<string, NamespacedName>;
  readonly toVirtual: Map<string, NamespacedName>;
}

export class MemoryMappingStore implements MappingStore {
  private readonly byKind = new Map<string, KindMappings>();

  record(kind: string, virtual: NamespacedName, host: NamespacedName): void {
    let mappings = this.byKind.get(kind);
    if (mappings === undefined) {
      mappings = { toHost: new Map(), toVirtual: new Map() };
      this.byKind.set(kind, mappings);
    }
    const previousHost = mappings.toHost.get(keyOf(virtual));
    if (previousHost !== undefined && keyOf(previousHost) === keyOf(host)) return;
    const previousVirtual = mappings.toVirtual.get(keyOf(host));
    // Upstream's AddReference refuses conflicting pairs; the newest pair wins here, which is what
    // the engine just observed on both sides.
    if (previousHost !== undefined) mappings.toVirtual.delete(keyOf(previousHost));
    if (previousVirtual !== undefined) mappings.toHost.delete(keyOf(previousVirtual));
    mappings.toHost.set(keyOf(virtual), host);
    mappings.toVirtual.set(keyOf(host), virtual);
  }

  forget(kind: string, virtual: NamespacedName): void {
    const mappings = this.byKind.get(kind);
    const host = mappings?.toHost.get(keyOf(virtual));
    if (mappings === undefined || host === undefined) return;
    mappings.toHost.delete(keyOf(virtual));
    mappings.toVirtual.delete(keyOf(host));
  }

  hostToVirtual(kind: string, host: NamespacedName): NamespacedName | undefined {
    return this.byKind.get(kind)?.toVirtual.get(keyOf(host));
  }

  virtualToHost(kind: string, virtual: NamespacedName): NamespacedName | undefined {
    return this.byKind.get(kind)?.toHost.get(keyOf(virtual));
  }

  kinds(): Iterable<string> {
    return this.byKind.keys();
  }

  /** Recorded pairs of a kind (tests, diagnostics). */
  size(kind: string): number {
    return this.byKind.get(kind)?.toHost.size ?? 0;
  }
}
