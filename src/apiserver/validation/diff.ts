/**
 * A readable summary of what changed between two JSON values, appended to "may not change"
 * messages the way kube appends a cmp.Diff (its exact text cannot be reproduced without Go's
 * struct definitions; what matters to users is which fields changed and how).
 */
import { deepEqual, isObj } from './json.js';

function render(v: unknown): string {
  return v === undefined ? '<unset>' : JSON.stringify(v);
}

function walk(path: string, a: unknown, b: unknown, out: string[]): void {
  if (deepEqual(a, b)) return;
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(path === '' ? k : `${path}.${k}`, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => {
      walk(`${path}[${i}]`, x, b[i], out);
    });
    return;
  }
  out.push(`  - ${path}: ${render(a)}`, `  + ${path}: ${render(b)}`);
}

export function describeChanges(oldValue: unknown, newValue: unknown): string {
  const out: string[] = [];
  walk('', oldValue, newValue, out);
  return out.join('\n');
}
