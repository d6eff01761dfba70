/** The /openapi/v3 discovery document: where each group version's document is, by content hash. */
import { createHash } from 'node:crypto';

export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/**
 * The hash kube-apiserver puts in `?hash=`: SHA-512 of the served bytes, upper-case hex. The
 * document must be served as exactly `JSON.stringify(doc)` for the hash to match.
 */
export function documentHash(doc: object): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
}

/**
 * `docs` maps a group version's path (`api/v1`, `apis/apps/v1`) to its document; the index points
 * at `/openapi/v3/<path>?hash=<HASH>`, so clients refetch a document exactly when it changes.
 */
export function openApiV3Index(docs: ReadonlyMap<string, object>): OpenApiV3Index {
  const paths: OpenApiV3Index['paths'] = {};
  for (const key of [...docs.keys()].sort()) {
    const doc = docs.get(key);
    if (doc === undefined) continue;
    const path = key.replace(/^\/+/, '').replace(/^openapi\/v3\//, '');
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${documentHash(doc)}` };
  }
  return { paths };
}
