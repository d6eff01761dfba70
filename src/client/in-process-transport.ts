import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { PassThrough, Readable, Writable } from 'node:stream';
import { abortReason } from './abort.js';
import { TransportError } from './errors.js';
import { guardedBody } from './stream-body.js';
import { flattenHeaders, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

/** An API server's request handler, as `ApiServer.handle`. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Who in-process requests come from. */
export interface InProcessUser {
  readonly name: string;
  readonly groups?: readonly string[];
}

export interface InProcessOptions {
  /**
   * The caller's identity. It is presented as a verified TLS client certificate (CN = name, O =
   * groups) on a stub socket: the same path the server takes for real client certificates, and
   * impossible to forge over the network. Without it, requests need a bearer token.
   */
  readonly user?: InProcessUser;
}

/** The parts of a TLS socket an API server looks at. */
function stubSocket(user: InProcessUser | undefined): object {
  return {
    remoteAddress: '127.0.0.1',
    remotePort: 0,
    localAddress: '127.0.0.1',
    localPort: 0,
    encrypted: true,
    authorized: user !== undefined,
    getPeerCertificate: () => (user ? { subject: { CN: user.name, ...(user.groups && user.groups.length > 0 ? { O: [...user.groups] } : {}) } } : {}),
    setTimeout: () => undefined,
    setNoDelay: () => undefined,
    setKeepAlive: () => undefined,
    destroy: () => undefined,
  };
}

class InProcessRequest extends Readable {
  readonly httpVersion = '1.1';
  readonly httpVersionMajor = 1;
  readonly httpVersionMinor = 1;
  readonly rawHeaders: string[];
  complete = false;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly socket: object,
    body: Buffer | undefined,
  ) {
    super();
    this.rawHeaders = Object.entries(headers).flat();
    if (body && body.length > 0) this.push(body);
    this.push(null);
    this.once('end', () => {
      this.complete = true;
    });
  }

  override _read(): void {
    // Everything was pushed up front.
  }

  get connection(): object {
    return this.socket;
  }
}

/**
 * The server side of an in-process exchange: what a handler writes streams straight into the
 * client's response body, with backpressure; destroying it (client gone) emits 'close' as a
 * socket's end would.
 */
class InProcessResponse extends Writable {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  /** The handler ended the response (set before the client can see the body's end). */
  completed = false;
  readonly sendDate = false;
  private readonly fields = new Map<string, { name: string; value: OutgoingHttpHeader }>();

  constructor(
    private readonly body: PassThrough,
    private readonly onHeaders: (status: number, headers: Record<string, string>) => void,
    readonly req: InProcessRequest,
  ) {
    super({ decodeStrings: true });
  }

  setHeader(name: string, value: OutgoingHttpHeader): this {
    if (this.headersSent) throw Object.assign(new Error('Cannot set headers after they are sent to the client'), { code: 'ERR_HTTP_HEADERS_SENT' });
    this.fields.set(name.toLowerCase(), { name, value });
    return this;
  }

  getHeader(name: string): OutgoingHttpHeader | undefined {
    return this.fields.get(name.toLowerCase())?.value;
  }

  getHeaders(): OutgoingHttpHeaders {
    return Object.fromEntries([...this.fields].map(([k, v]) => [k, v.value]));
  }

  getHeaderNames(): string[] {
    return [...this.fields.keys()];
  }

  hasHeader(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.fields.delete(name.toLowerCase());
  }

  writeHead(status: number, reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this {
    this.statusCode = status;
    const extra = typeof reasonOrHeaders === 'string' ? headers : reasonOrHeaders;
    if (typeof reasonOrHeaders === 'string') this.statusMessage = reasonOrHeaders;
    if (Array.isArray(extra)) {
      for (let i = 0; i + 1 < extra.length; i += 2) this.setHeader(String(extra[i]), extra[i + 1] ?? '');
    } else if (extra) {
      for (const [name, value] of Object.entries(extra)) if (value !== undefined) this.setHeader(name, value);
    }
    this.sendHeaders();
    return this;
  }

  flushHeaders(): void {
    this.sendHeaders();
  }

  writeContinue(): void {
    // Nothing to wait for: the request body is already complete.
  }

  setTimeout(): this {
    return this;
  }

  get socket(): object {
    return this.req.socket;
  }

  get connection(): object {
    return this.req.socket;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sendHeaders();
    if (this.body.destroyed) {
      callback();
      return;
    }
    if (this.body.write(chunk)) callback();
    else this.body.once('drain', () => {
      callback();
    });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sendHeaders();
    this.completed = true;
    this.body.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Ending before the body was complete: the client sees a cut-off stream, as on a socket.
    if (!this.completed && !this.body.destroyed) this.body.destroy(new TransportError('the server ended the response early', 'StreamClosed', false));
    callback(error);
  }

  private sendHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.onHeaders(this.statusCode, flattenHeaders(Object.fromEntries([...this.fields.values()].map((f) => [f.name, f.value]))));
  }
}

/**
 * Serves requests by calling an API server's handler directly: no socket, no TLS, no HTTP framing;
 * streaming responses (watch, logs) flow through with backpressure, and aborting a request closes
 * the server's response as a disconnecting client would.
 */
export function inProcessTransport(handler: RequestHandler, options: InProcessOptions = {}): Transport {
  let closed = false;
  const open = new Set<InProcessResponse>();
  const socket = stubSocket(options.user);
  return {
    request(req: TransportRequest): Promise<TransportResponse> {
      if (closed) return Promise.reject(new TransportError('the client is closed', 'Closed', true));
      if (req.signal?.aborted) return Promise.reject(abortReason(req.signal));
      return new Promise<TransportResponse>((resolve, reject) => {
        const headers: Record<string, string> = { host: 'in-process', ...req.headers };
        if (req.body) headers['content-length'] = String(req.body.length);
        const incoming = new InProcessRequest(req.method, req.path, headers, socket, req.body);
        const body = new PassThrough();
        let answered = false;
        const res = new InProcessResponse(
          body,
          (status, responseHeaders) => {
            answered = true;
            resolve({
              status,
              headers: responseHeaders,
              body: guardedBody(body, req.signal, () => !res.completed),
              cancel: () => {
                res.destroy();
                body.destroy();
              },
            });
          },
          incoming,
        );
        open.add(res);
        res.on('close', () => {
          open.delete(res);
          req.signal?.removeEventListener('abort', onAbort);
          if (!answered) reject(new TransportError(`${req.method} ${req.path}: the server closed the response without answering`, 'StreamClosed', false));
        });
        // Stops the consumer of an unread body from seeing an unhandled 'error'.
        body.on('error', () => undefined);
        const onAbort = (): void => {
          res.destroy();
          body.destroy();
          if (!answered) reject(abortReason(req.signal));
        };
        req.signal?.addEventListener('abort', onAbort, { once: true });
        try {
          handler(incoming as unknown as IncomingMessage, res as unknown as ServerResponse);
        } catch (e) {
          res.destroy();
          reject(new TransportError(`${req.method} ${req.path}: the handler threw`, 'HandlerError', false, { cause: e }));
        }
      });
    },
    close(): Promise<void> {
      closed = true;
      for (const res of open) res.destroy();
      open.clear();
      return Promise.resolve();
    },
  };
}
