/** The 409 kube-apiserver answers for apply conflicts (internal.NewConflictError). */
import { StatusError } from '../../api/status.js';
import { goQuote } from './go-format.js';
import { parseIdentifier } from './managed.js';
import { pathToString } from './path.js';
import type { Conflict } from './updater.js';

/** `"kubectl"`, `"kube-controller-manager" using apps/v1`, `"x" with subresource "status" using v1`. */
export function printManager(identifier: string): string {
  const id = parseIdentifier(identifier);
  if (id === undefined) return goQuote(identifier);
  let out = goQuote(id.manager);
  if (id.subresource !== '') out += ` with subresource ${goQuote(id.subresource)}`;
  if (id.operation === 'Update') out += ` using ${id.apiVersion}`;
  return out;
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathToString(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const paths = byManager.get(c.manager) ?? [];
    paths.push(pathToString(c.path));
    byManager.set(c.manager, paths);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager) ?? []) lines.push(`- ${path}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function conflictError(conflicts: readonly Conflict[]): StatusError {
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(c.manager)}`,
      field: pathToString(c.path),
    })),
  });
}
