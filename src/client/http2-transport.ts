import http2, { type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type IncomingHttpStatusHeader } from 'node:http2';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { abortReason, raceAbort } from './abort.js';
import { TransportError } from './errors.js';
import { Http1Transport } from './http1-transport.js';
import { noopLogger, type Logger } from './logger.js';
import { guardedBody, readWholeBody, toTransportError } from './stream-body.js';
import { flattenHeaders, type TlsSource, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

export interface Http2TransportOptions {
  readonly tls: TlsSource;
  /** How often an open connection is checked with a PING (client-go: 30 s). */
  readonly pingIntervalMs?: number;
  /** A PING unanswered this long means a dead connection (client-go: 15 s). */
  readonly pingTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly logger?: Logger;
}

interface Session {
  readonly h2: ClientHttp2Session;
  active: number;
  usable: boolean;
}

const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR, NGHTTP2_REFUSED_STREAM } = http2.constants;
/** Errors that mean the stream was never sent on a session that is going away. */
const UNSENT_CODES = new Set(['ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION', 'ERR_HTTP2_OUT_OF_STREAMS']);

/**
 * All requests of a client multiplexed over one HTTP/2 connection, as kubectl and client-go do.
 * A connection that receives GOAWAY, fails a PING or closes is replaced on the next request; open
 * streams on it end with a TransportError. A server that does not offer h2 in ALPN is spoken to
 * over HTTP/1.1 from then on.
 */
export class Http2Transport implements Transport {
  private session: Session | undefined;
  private connecting: Promise<Session | 'http1'> | undefined;
  private http1: Http1Transport | undefined;
  private closed = false;
  private readonly sessions = new Set<ClientHttp2Session>();
  private readonly logger: Logger;

  constructor(
    private readonly origin: URL,
    private readonly options: Http2TransportOptions,
  ) {
    if (origin.protocol !== 'https:') throw new TypeError(`HTTP/2 transport needs an https:// server, got ${origin.href}`);
    this.logger = options.logger ?? noopLogger;
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    try {
      return await this.requestOnce(req);
    } catch (e) {
      // A request that raced a GOAWAY was never processed: one retry on a fresh connection.
      if (e instanceof TransportError && e.notSent && e.code !== 'Closed' && !req.signal?.aborted && !this.closed) return this.requestOnce(req);
      throw e;
    }
  }

  close(): Promise<void> {
    this.closed = true;
    for (const h2 of this.sessions) h2.destroy();
    this.sessions.clear();
    this.session = undefined;
    return this.http1?.close() ?? Promise.resolve();
  }

  private async requestOnce(req: TransportRequest): Promise<TransportResponse> {
    if (this.closed) throw new TransportError('the client is closed', 'Closed', true);
    req.signal?.throwIfAborted();
    const target = await this.connection(req.signal);
    if (target === 'http1') return (this.http1 ??= new Http1Transport(this.origin, this.options.tls)).request(req);
    return this.send(target, req);
  }

  private connection(signal: AbortSignal | undefined): Promise<Session | 'http1'> {
    if (this.http1) return Promise.resolve('http1');
    if (this.session?.usable) return Promise.resolve(this.session);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return raceAbort(this.connecting, signal);
  }

  private async connect(): Promise<Session | 'http1'> {
    const material = await this.options.tls();
    const host = this.origin.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = this.origin.port === '' ? 443 : Number(this.origin.port);
    const servername = material.servername ?? (isIP(host) ? undefined : host);
    const socket = tls.connect({
      host,
      port,
      ca: material.ca,
      cert: material.cert,
      key: material.key,
      rejectUnauthorized: material.rejectUnauthorized ?? true,
      ...(servername !== undefined ? { servername } : {}),
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    // Small requests must not wait for the server's delayed ACK (Nagle).
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TransportError(`connecting to ${this.origin.host} timed out`, 'Timeout', true));
      }, this.options.connectTimeoutMs ?? 30_000);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(toTransportError(e, `connecting to ${this.origin.host}`, true));
      });
    });
    if (this.closed) {
      socket.destroy();
      throw new TransportError('the client is closed', 'Closed', true);
    }
    if (socket.alpnProtocol !== 'h2') {
      socket.destroy();
      this.logger.info({ server: this.origin.host, alpn: socket.alpnProtocol }, 'server does not offer HTTP/2; using HTTP/1.1');
      return 'http1';
    }
    return this.adopt(http2.connect(this.origin, { createConnection: () => socket, settings: { enablePush: false }, maxSessionMemory: 1024 }));
  }

  private adopt(h2: ClientHttp2Session): Session {
    const session: Session = { h2, active: 0, usable: true };
    const retire = (): void => {
      session.usable = false;
      if (this.session === session) this.session = undefined;
    };
    const ping = setInterval(() => {
      this.ping(h2);
    }, this.options.pingIntervalMs ?? 30_000);
    ping.unref();
    h2.on('goaway', () => {
      retire();
      // Streams in flight finish; the connection closes after them.
      if (!h2.closed) h2.close();
    });
    h2.on('error', (e: Error) => {
      retire();
      this.logger.debug({ server: this.origin.host, err: e.message }, 'HTTP/2 connection failed');
    });
    h2.on('close', () => {
      retire();
      clearInterval(ping);
      this.sessions.delete(h2);
    });
    // An idle connection must not keep the process alive; open streams do (see send).
    h2.unref();
    this.sessions.add(h2);
    this.session = session;
    return session;
  }

  private ping(h2: ClientHttp2Session): void {
    if (h2.destroyed || h2.closed) return;
    const timer = setTimeout(() => {
      h2.destroy(new TransportError('the server did not answer a PING', 'PingTimeout', false));
    }, this.options.pingTimeoutMs ?? 15_000);
    timer.unref();
    const sent = h2.ping((err) => {
      clearTimeout(timer);
      if (err && !h2.destroyed) h2.destroy(err);
    });
    if (!sent) clearTimeout(timer);
  }

  private send(session: Session, req: TransportRequest): Promise<TransportResponse> {
    const what = `${req.method} ${req.path}`;
    let stream: ClientHttp2Stream;
    try {
      stream = session.h2.request(
        { ':method': req.method, ':path': req.path, ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
        { endStream: req.body === undefined },
      );
    } catch (e) {
      session.usable = false;
      if (this.session === session) this.session = undefined;
      const code = (e as { code?: unknown }).code;
      throw toTransportError(e, what, typeof code === 'string' && UNSENT_CODES.has(code));
    }
    if (session.active++ === 0) session.h2.ref();
    // Errors surface through the promise or the body iterator; this listener keeps an unread
    // stream's late error from becoming an uncaught exception.
    stream.on('error', () => undefined);
    stream.once('close', () => {
      if (--session.active === 0 && !session.h2.destroyed) session.h2.unref();
    });
    if (req.body) stream.end(req.body);
    return new Promise<TransportResponse>((resolve, reject) => {
      let answered = false;
      const fail = (e: Error): void => {
        if (answered) return;
        answered = true;
        reject(e);
      };
      const onAbort = (): void => {
        if (!stream.closed) stream.close(NGHTTP2_CANCEL);
        fail(abortReason(req.signal));
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      stream.once('close', () => {
        req.signal?.removeEventListener('abort', onAbort);
        // Every stream closes; only one closed before its response is a failure (an Error costs a stack trace).
        if (!answered) fail(new TransportError(`${what}: the stream closed before a response`, 'StreamClosed', stream.rstCode === NGHTTP2_REFUSED_STREAM));
      });
      stream.once('error', (e) => {
        fail(req.signal?.aborted ? abortReason(req.signal) : toTransportError(e, what, stream.rstCode === NGHTTP2_REFUSED_STREAM));
      });
      stream.once('response', (headers: IncomingHttpHeaders & IncomingHttpStatusHeader) => {
        if (answered) return;
        answered = true;
        const truncated = (): boolean => {
          const rst = rstCodeOf(stream);
          return stream.aborted || (rst !== undefined && rst !== NGHTTP2_NO_ERROR);
        };
        resolve({
          status: Number(headers[':status']),
          headers: flattenHeaders(headers),
          body: guardedBody(stream, req.signal, truncated),
          readAll: () => readWholeBody(stream, req.signal, truncated),
          cancel: () => {
            // A fully read stream is done: resetting it anyway looks like an HTTP/2 "rapid reset"
            // attack, and servers (Node's included) end the whole connection after enough of them.
            if (!stream.closed && !stream.readableEnded) stream.close(NGHTTP2_CANCEL);
          },
        });
      });
    });
  }
}

/** Node types rstCode as a number, but it stays undefined until the stream closes. */
function rstCodeOf(stream: ClientHttp2Stream): number | undefined {
  return stream.rstCode;
}
