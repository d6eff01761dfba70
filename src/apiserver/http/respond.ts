import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stringify } from 'yaml';
import { errors, StatusError } from '../../api/status.js';
import { isStorageError, type StorageError } from '../../storage/index.js';

export type ServerResponseLike = ServerResponse | Http2ServerResponse;

export function writeJson(res: ServerResponseLike, code: number, body: unknown, contentType = 'application/json', warnings: readonly string[] = []): void {
  const text = JSON.stringify(body);
  if (res.headersSent) return;
  setJsonHeaders(res, code, contentType, warnings);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function setJsonHeaders(res: ServerResponseLike, code: number, contentType: string, warnings: readonly string[]): void {
  res.statusCode = code;
  res.setHeader('Content-Type', contentType);
  if (warnings.length > 0) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
}

/** Arrays longer than this are written in pieces by writeJsonInPieces. */
export const JSON_PIECE_ITEMS = 500;

/**
 * Writes `envelope` with the array `key` (its last key) as writeJson would, byte for byte, except
 * that an array of more than JSON_PIECE_ITEMS entries goes out in pieces of that many, made by
 * `piece(from, to)` and encoded one at a time with the event loop free in between, so a large list
 * does not hold up every other request. No Content-Length then: the body is chunked.
 */
export async function writeJsonInPieces(
  res: ServerResponseLike,
  code: number,
  envelope: Record<string, unknown>,
  key: string,
  count: number,
  piece: (from: number, to: number) => readonly unknown[],
  contentType = 'application/json',
  warnings: readonly string[] = [],
): Promise<void> {
  if (count <= JSON_PIECE_ITEMS) {
    writeJson(res, code, { ...envelope, [key]: piece(0, count) }, contentType, warnings);
    return;
  }
  const empty = JSON.stringify({ ...envelope, [key]: [] });
  if (res.headersSent || !empty.endsWith('[]}')) throw new Error(`writeJsonInPieces: "${key}" must be the last key of the envelope`);
  setJsonHeaders(res, code, contentType, warnings);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  // A function, not the variable: the flow analysis cannot see 'close' set it at an await.
  const gone = (): boolean => closed;
  let text = empty.slice(0, -2);
  let first = true;
  for (let from = 0; from < count && !gone(); from += JSON_PIECE_ITEMS) {
    if (from > 0) await yieldToEventLoop();
    const encoded = JSON.stringify(piece(from, Math.min(count, from + JSON_PIECE_ITEMS)));
    if (encoded.length > 2) {
      text += (first ? '' : ',') + encoded.slice(1, -1);
      first = false;
    }
    if (!(res as ServerResponse).write(text) && !gone()) await drainedOrClosed(res);
    text = '';
  }
  if (!gone()) res.end(']}');
}

function drainedOrClosed(res: ServerResponseLike): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes part of a streamed body; false means the client is not keeping up. */
export function writeChunk(res: ServerResponseLike, text: string): boolean {
  return (res as ServerResponse).write(text);
}

export function writeYaml(res: ServerResponseLike, code: number, body: unknown): void {
  const text = stringify(body);
  res.statusCode = code;
  res.setHeader('Content-Type', 'application/yaml');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function writeText(res: ServerResponseLike, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.statusCode = code;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Turns any thrown value into a Kubernetes Status error. */
export function toStatusError(e: unknown): StatusError {
  if (e instanceof StatusError) return e;
  if (isStorageError(e)) return storageToStatus(e);
  const message = e instanceof Error ? e.message : String(e);
  return errors.internal(message, e);
}

function storageToStatus(e: StorageError): StatusError {
  switch (e.code) {
    case 'Compacted':
      return errors.gone(`The resourceVersion for the provided list is too old.`);
    case 'FutureRevision':
      return errors.timeout('Too large resource version', 1);
    case 'InvalidContinue':
      return errors.badRequest(e.message);
    case 'InvalidKey':
    case 'InvalidValue':
      return errors.badRequest(e.message);
    case 'ValueTooLarge':
      return errors.tooLarge(`Request entity too large: ${e.message}`);
    case 'Unavailable':
    case 'Closed':
      return errors.serviceUnavailable(`storage is unavailable: ${e.message}`);
    case 'KeyExists':
    case 'NotFound':
    case 'Conflict':
      return errors.internal(e.message, e);
  }
}

export function writeError(res: ServerResponseLike, e: unknown): StatusError {
  const err = toStatusError(e);
  if (err.reason === 'TooManyRequests' || err.code === 504 || err.code === 503) {
    const retry = err.details?.retryAfterSeconds;
    if (retry !== undefined && !res.headersSent) res.setHeader('Retry-After', String(retry));
  }
  writeJson(res, err.code, err.toStatus());
  return err;
}
