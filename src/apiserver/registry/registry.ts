import { BUILTIN_RESOURCES, GROUP_ORDER } from './builtin.js';
import type { ResourceDef } from './types.js';

type Listener = () => void;

/**
 * The resources the server serves: the built-ins plus the versions of every established CRD.
 * Changes (a CRD created or deleted) notify listeners so discovery and OpenAPI are rebuilt.
 */
export class ResourceRegistry {
  private readonly builtins: ResourceDef[];
  private custom = new Map<string, ResourceDef[]>();
  private byPath = new Map<string, ResourceDef>();
  private byKind = new Map<string, ResourceDef>();
  private readonly listeners = new Set<Listener>();
  /** Bumped on every change; caches key on it. */
  generation = 0;

  constructor(builtins: readonly ResourceDef[] = BUILTIN_RESOURCES) {
    this.builtins = [...builtins];
    this.reindex();
  }

  all(): readonly ResourceDef[] {
    return [...this.byPath.values()];
  }

  lookup(group: string, version: string, resource: string): ResourceDef | undefined {
    return this.byPath.get(`${group}/${version}/${resource}`);
  }

  forKind(group: string, version: string, kind: string): ResourceDef | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  /** Every version of a group-resource (for storage, all versions share one key space). */
  versionsOf(group: string, resource: string): ResourceDef[] {
    return this.all().filter((d) => d.group === group && d.resource === resource);
  }

  /** Groups in discovery order: built-in groups as kube orders them, then custom groups by name. */
  groups(): { group: string; versions: string[] }[] {
    const versions = new Map<string, string[]>();
    for (const d of this.all()) {
      const list = versions.get(d.group) ?? [];
      if (!list.includes(d.version)) list.push(d.version);
      versions.set(d.group, list);
    }
    const rank = (g: string): number => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return [...versions.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([group, vs]) => ({ group, versions: vs.sort(compareVersions) }));
  }

  /** Replaces the resources served for one CRD (an empty list removes them). */
  setCustom(crdName: string, defs: ResourceDef[]): void {
    if (defs.length === 0) this.custom.delete(crdName);
    else this.custom.set(crdName, defs);
    this.reindex();
    for (const l of this.listeners) l();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private reindex(): void {
    this.byPath = new Map();
    this.byKind = new Map();
    for (const d of [...this.builtins, ...[...this.custom.values()].flat()]) {
      this.byPath.set(`${d.group}/${d.version}/${d.resource}`, d);
      // events.k8s.io and core both have Event; the first (core) keeps the kind key of its own group only.
      this.byKind.set(`${d.group}/${d.version}/${d.kind}`, d);
    }
    this.generation++;
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v1 > v1beta2 > v1alpha1). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [-1, 0, 0];
    const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [stage, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [sa, ma, na] = parse(a);
  const [sb, mb, nb] = parse(b);
  if (sa === -1 || sb === -1) return sa === sb ? a.localeCompare(b) : sb - sa;
  return sb - sa || mb - ma || nb - na;
}
