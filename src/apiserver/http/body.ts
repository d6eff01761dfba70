import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { errors } from '../../api/status.js';

/** kube-apiserver's limit on request bodies (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type ServerRequest = IncomingMessage | Http2ServerRequest;

/** Reads the whole body, answering 413 (and stopping to read) past the limit. */
export async function readBody(req: ServerRequest, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw errors.tooLarge(`Request entity too large: limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw errors.tooLarge(`Request entity too large: limit is ${limit}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
