import type { Readable } from 'node:stream';
import { abortReason } from './abort.js';
import { TransportError } from './errors.js';

/** Turns a Node error into a TransportError, keeping it as the cause. */
export function toTransportError(e: unknown, what: string, notSent = false): TransportError {
  if (e instanceof TransportError) return e;
  const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'Unknown';
  const message = e instanceof Error ? e.message : String(e);
  return new TransportError(`${what}: ${message}`, code, notSent, { cause: e });
}

/**
 * Reads a response stream, failing with the caller's abort reason when aborted and with a
 * TransportError when the connection broke (`truncated` says whether a clean-looking end was in
 * fact a cut, e.g. an HTTP/2 stream reset).
 */
export async function* guardedBody(stream: Readable, signal: AbortSignal | undefined, truncated: () => boolean): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (signal?.aborted) throw abortReason(signal);
    throw toTransportError(e, 'reading the response');
  }
  if (signal?.aborted) throw abortReason(signal);
  if (truncated()) throw new TransportError('the response was cut off', 'StreamClosed', false);
}

/** The whole of a response stream, with the failures of `guardedBody`. */
export function readWholeBody(stream: Readable, signal: AbortSignal | undefined, truncated: () => boolean): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      if (signal?.aborted) reject(abortReason(signal));
      else if (truncated()) reject(new TransportError('the response was cut off', 'StreamClosed', false));
      else resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks));
    };
    const onError = (e: unknown): void => {
      cleanup();
      reject(signal?.aborted ? abortReason(signal) : toTransportError(e, 'reading the response'));
    };
    // A stream destroyed without an error (a reset, an abort) closes without 'end'.
    const onClose = (): void => {
      if (stream.readableEnded) return;
      cleanup();
      reject(signal?.aborted ? abortReason(signal) : new TransportError('the response was cut off', 'StreamClosed', false));
    };
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    if (stream.readableEnded) {
      onEnd();
      return;
    }
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** Errors from establishing a connection: the request cannot have reached the server. */
export function isConnectError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (CONNECT_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code === 'CERT_HAS_EXPIRED' || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'ERR_TLS_CERT_ALTNAME_INVALID');
}
