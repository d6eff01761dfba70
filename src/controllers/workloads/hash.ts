import { goJson } from './go-json.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1 32-bit (Go's hash/fnv New32). */
export function fnv32(data: Uint8Array): number {
  let h = FNV_OFFSET;
  for (const b of data) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a 32-bit (Go's hash/fnv New32a). */
export function fnv32a(data: Uint8Array): number {
  let h = FNV_OFFSET;
  for (const b of data) {
    h = (h ^ b) >>> 0;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** The alphabet of apimachinery's rand.String: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** apimachinery's rand.SafeEncodeString: every character mapped into the alphabet above. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS.charAt((ch.codePointAt(0) ?? 0) % ALPHANUMS.length);
  return out;
}

/**
 * The `pod-template-hash` (Deployments) and `controller-revision-hash` (DaemonSets) of a pod
 * template, as kube's controller.ComputeHash: FNV-32a over the template, then the collision count
 * as 8 little-endian bytes, printed in decimal and safe-encoded. kube feeds the hash go-spew's
 * dump of its Go struct; we feed it the template's canonical JSON, so values have the same shape
 * (e.g. `5d59d67564`) and are stable, but differ from kube's for the same template.
 */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const data = Buffer.from(goJson(template), 'utf8');
  let bytes: Uint8Array = data;
  if (collisionCount !== undefined) {
    const extra = Buffer.alloc(8);
    extra.writeUInt32LE(collisionCount >>> 0, 0);
    bytes = Buffer.concat([data, extra]);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}

/**
 * history.HashControllerRevision: FNV-32 (not 1a) over the revision's raw data, then the
 * collision count in decimal. `raw` is the data as Go's JSON (see goJson), so names match kube's.
 */
export function controllerRevisionHash(raw: string, probe?: number): string {
  const parts = [Buffer.from(raw, 'utf8')];
  if (probe !== undefined) parts.push(Buffer.from(String(probe), 'utf8'));
  return safeEncodeString(String(fnv32(Buffer.concat(parts))));
}
