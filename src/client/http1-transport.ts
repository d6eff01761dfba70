import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { abortReason } from './abort.js';
import { TransportError } from './errors.js';
import { guardedBody, isConnectError, toTransportError } from './stream-body.js';
import { flattenHeaders, type TlsMaterial, type TlsSource, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

/**
 * HTTP/1.1 with keep-alive: `http://` servers, and `https://` servers that do not offer HTTP/2.
 * Every open watch holds one socket.
 */
export class Http1Transport implements Transport {
  private agent: http.Agent | undefined;
  private agentTls: TlsMaterial | undefined;
  private closed = false;

  constructor(
    private readonly origin: URL,
    private readonly tls?: TlsSource,
  ) {
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new TypeError(`unsupported server URL ${origin.href}`);
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    if (this.closed) throw new TransportError('the client is closed', 'Closed', true);
    req.signal?.throwIfAborted();
    const agent = await this.currentAgent();
    const secure = this.origin.protocol === 'https:';
    const send = secure ? https.request : http.request;
    return new Promise<TransportResponse>((resolve, reject) => {
      const outgoing = send({
        agent,
        protocol: this.origin.protocol,
        hostname: this.origin.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: this.origin.port === '' ? (secure ? 443 : 80) : Number(this.origin.port),
        method: req.method,
        path: req.path,
        headers: req.body ? { ...req.headers, 'content-length': String(req.body.length) } : req.headers,
      });
      const onAbort = (): void => {
        outgoing.destroy();
        if (req.signal) reject(abortReason(req.signal));
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', (e) => {
        req.signal?.removeEventListener('abort', onAbort);
        reject(req.signal?.aborted ? abortReason(req.signal) : toTransportError(e, `${req.method} ${req.path}`, isConnectError(e)));
      });
      outgoing.on('response', (res) => {
        const truncated = (): boolean => !res.complete;
        res.on('close', () => req.signal?.removeEventListener('abort', onAbort));
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: guardedBody(res, req.signal, truncated),
          cancel: () => {
            res.destroy();
            outgoing.destroy();
          },
        });
      });
      outgoing.end(req.body);
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.agent?.destroy();
    this.agent = undefined;
    return Promise.resolve();
  }

  private async currentAgent(): Promise<http.Agent> {
    if (this.origin.protocol === 'http:') {
      this.agent ??= new http.Agent({ keepAlive: true });
      return this.agent;
    }
    const material = this.tls ? await this.tls() : {};
    if (this.agent && material === this.agentTls) return this.agent;
    // New credentials (a rotated client certificate): new connections use them, open ones finish.
    const host = this.origin.hostname.replace(/^\[(.*)\]$/, '$1');
    this.agent = new https.Agent({
      keepAlive: true,
      ca: material.ca,
      cert: material.cert,
      key: material.key,
      rejectUnauthorized: material.rejectUnauthorized ?? true,
      ...(material.servername !== undefined ? { servername: material.servername } : isIP(host) ? {} : { servername: host }),
    });
    this.agentTls = material;
    return this.agent;
  }
}
