import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { stringify } from 'yaml';
import { errors, StatusError } from '../../api/status.js';
import { isStorageError, type StorageError } from '../../storage/index.js';

export type ServerResponseLike = ServerResponse | Http2ServerResponse;

export function writeJson(res: ServerResponseLike, code: number, body: unknown, contentType = 'application/json', warnings: readonly string[] = []): void {
  const text = JSON.stringify(body);
  if (res.headersSent) return;
  res.statusCode = code;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (warnings.length > 0) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
  res.end(text);
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
