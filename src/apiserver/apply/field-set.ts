/**
 * A set of field paths stored as a trie (fieldpath.Set): at each level, `members` are the paths
 * that end there and `children` the subtrees that go deeper. A path can be both (a list item that
 * is owned itself and whose fields are owned too: the `.` of FieldsV1).
 *
 * Sets are built by `insert` and then treated as immutable: the operations return new sets that
 * may share subtrees with their inputs.
 */
import { compareElements } from './path.js';
import type { Path, PathElement } from './path.js';

interface Child {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

function insertPath(root: FieldSet, path: Path): void {
  let node = root;
  const lastIndex = path.length - 1;
  for (let i = 0; i < lastIndex; i++) {
    const pe = path[i];
    if (pe !== undefined) node = node.descend(pe);
  }
  const last = path[lastIndex];
  if (last !== undefined) node.members.set(last.id, last);
}

export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: Path): void {
    insertPath(this, path);
  }

  /** The child set for `pe`, created when missing. */
  descend(pe: PathElement): FieldSet {
    const existing = this.children.get(pe.id);
    if (existing !== undefined) return existing.set;
    const set = new FieldSet();
    this.children.set(pe.id, { pe, set });
    return set;
  }

  has(path: Path, from = 0): boolean {
    const pe = path[from];
    if (pe === undefined) return false;
    if (from === path.length - 1) return this.members.has(pe.id);
    return this.children.get(pe.id)?.set.has(path, from + 1) ?? false;
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(pe.id);
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  /** The paths below `pe`, relative to it. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(pe.id)?.set ?? new FieldSet();
  }

  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const out = new FieldSet();
    for (const [id, pe] of this.members) out.members.set(id, pe);
    for (const [id, pe] of other.members) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const o = other.children.get(id);
      out.children.set(id, o === undefined ? c : { pe: c.pe, set: c.set.union(o.set) });
    }
    for (const [id, c] of other.children) if (!this.children.has(id)) out.children.set(id, c);
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const o = other.children.get(id);
      if (o === undefined) continue;
      const both = c.set.intersection(o.set);
      if (!both.isEmpty()) out.children.set(id, { pe: c.pe, set: both });
    }
    return out;
  }

  /** The paths of this set that are not in `other` (a member of `other` does not remove a subtree). */
  difference(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const o = other.children.get(id);
      if (o === undefined) {
        out.children.set(id, c);
        continue;
      }
      const rest = c.set.difference(o.set);
      if (!rest.isEmpty()) out.children.set(id, { pe: c.pe, set: rest });
    }
    return out;
  }

  /** Like difference, but a member of `other` also removes everything below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      if (other.members.has(id)) continue;
      const o = other.children.get(id);
      if (o === undefined) {
        out.children.set(id, c);
        continue;
      }
      const rest = c.set.recursiveDifference(o.set);
      if (!rest.isEmpty()) out.children.set(id, { pe: c.pe, set: rest });
    }
    return out;
  }

  /** Only what is at or below `pe` (fieldpath's prefix matcher filter for one element). */
  only(pe: PathElement): FieldSet {
    const out = new FieldSet();
    const member = this.members.get(pe.id);
    if (member !== undefined) out.members.set(pe.id, member);
    const child = this.children.get(pe.id);
    if (child !== undefined) out.children.set(pe.id, child);
    return out;
  }

  sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(compareElements);
  }

  sortedChildren(): Child[] {
    return [...this.children.values()].sort((a, b) => compareElements(a.pe, b.pe));
  }

  /** Every path, in fieldpath.Set.Iterate's order: a level's members first, then its children. */
  paths(): Path[] {
    const out: Path[] = [];
    const walk = (set: FieldSet, prefix: PathElement[]): void => {
      for (const pe of set.sortedMembers()) out.push([...prefix, pe]);
      for (const c of set.sortedChildren()) {
        prefix.push(c.pe);
        walk(c.set, prefix);
        prefix.pop();
      }
    };
    walk(this, []);
    return out;
  }

  equals(other: FieldSet): boolean {
    if (this.members.size !== other.members.size) return false;
    for (const id of this.members.keys()) if (!other.members.has(id)) return false;
    const mine = [...this.children.values()].filter((c) => !c.set.isEmpty());
    const theirs = [...other.children.values()].filter((c) => !c.set.isEmpty());
    if (mine.length !== theirs.length) return false;
    for (const c of mine) {
      const o = other.children.get(c.pe.id);
      if (o === undefined || !c.set.equals(o.set)) return false;
    }
    return true;
  }
}
