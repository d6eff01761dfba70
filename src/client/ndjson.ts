import { StatusError, type Status } from '../api/status.js';
import type { ObjectLike } from './resource.js';

/** Splits a byte stream into lines (without the newline); a last line without newline is kept. */
export async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a)) {
      pending.push(buf.subarray(0, nl));
      // Splitting on bytes, then decoding whole lines, keeps multi-byte characters intact.
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > 0) pending.push(Buffer.from(buf));
  }
  if (pending.length > 0) {
    const last = Buffer.concat(pending).toString('utf8');
    if (last.trim() !== '') yield last;
  }
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export type WatchEvent<T extends ObjectLike> =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T }
  /** Only `metadata.resourceVersion` (and maybe the initial-events-end annotation) is meaningful. */
  | { readonly type: 'BOOKMARK'; readonly object: T }
  | { readonly type: 'ERROR'; readonly error: StatusError };

/** A watch stream that is not what the Kubernetes watch protocol says. */
export class WatchProtocolError extends Error {
  override readonly name = 'WatchProtocolError';
}

/** Parses one line of a watch stream: `{"type": …, "object": …}`. */
export function parseWatchEvent<T extends ObjectLike>(line: string): WatchEvent<T> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new WatchProtocolError(`watch event is not JSON: ${line.slice(0, 200)}`, { cause: e });
  }
  if (typeof value !== 'object' || value === null) throw new WatchProtocolError(`watch event is not an object: ${line.slice(0, 200)}`);
  const { type, object } = value as { type?: unknown; object?: unknown };
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new WatchProtocolError(`watch event without object: ${line.slice(0, 200)}`);
  }
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
    case 'BOOKMARK':
      return { type, object: object as T };
    case 'ERROR': {
      const status = object as Partial<Status>;
      return { type: 'ERROR', error: StatusError.fromStatus(status, typeof status.code === 'number' ? status.code : 500) };
    }
    default:
      throw new WatchProtocolError(`unknown watch event type ${JSON.stringify(type)}`);
  }
}
