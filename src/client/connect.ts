import { Http1Transport } from './http1-transport.js';
import { Http2Transport } from './http2-transport.js';
import { inProcessTransport, type InProcessOptions, type RequestHandler } from './in-process-transport.js';
import { bearerToken, noCredentials, type Credentials } from './credentials.js';
import { KubeClient, type KubeClientOptions } from './kube-client.js';
import type { TlsMaterial, TlsSource, Transport } from './transport.js';

/** Client options other than how to reach and authenticate to the server. */
export interface ConnectionOptions extends Omit<KubeClientOptions, 'transport' | 'credentials' | 'server'> {
  /** Use HTTP/2 for https:// servers (default true; HTTP/1.1 is used anyway if the server lacks h2). */
  readonly http2?: boolean;
  /** HTTP/2 connection health check (defaults as client-go: PING every 30 s, dead after 15 s). */
  readonly pingIntervalMs?: number;
  readonly pingTimeoutMs?: number;
}

/** A server and credentials given directly (PEM strings), as in a generated kubeconfig. */
export interface ServerConfig {
  readonly server: string;
  readonly caPem?: string;
  readonly clientCertPem?: string;
  readonly clientKeyPem?: string;
  readonly token?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
}

/** The transport for a server URL: HTTP/2 for https (unless disabled), HTTP/1.1 for http. */
export function networkTransport(server: string, tls: TlsSource, options: ConnectionOptions = {}): Transport {
  const url = new URL(server);
  if (url.protocol === 'http:') return new Http1Transport(url);
  if (url.protocol !== 'https:') throw new TypeError(`unsupported server URL "${server}": use https:// or http://`);
  if (options.http2 === false) return new Http1Transport(url, tls);
  return new Http2Transport(url, {
    tls,
    ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
    ...(options.pingTimeoutMs !== undefined ? { pingTimeoutMs: options.pingTimeoutMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/** A client for a server given by URL and PEM credentials. */
export function createClient(config: ServerConfig, options: ConnectionOptions = {}): KubeClient {
  const material: TlsMaterial = {
    ca: config.caPem,
    cert: config.clientCertPem,
    key: config.clientKeyPem,
    servername: config.tlsServerName,
    rejectUnauthorized: config.insecureSkipTlsVerify !== true,
  };
  const credentials: Credentials = config.token !== undefined && config.token !== '' ? bearerToken(config.token) : noCredentials;
  return new KubeClient({
    ...options,
    transport: networkTransport(config.server, () => Promise.resolve(material), options),
    credentials,
    server: config.server,
  });
}

/**
 * A client that calls an API server's request handler in this process: no socket, no TLS.
 * The identity is `options.user` (see InProcessOptions) or a bearer `token`.
 */
export function inProcessClient(handler: RequestHandler, options: InProcessOptions & ConnectionOptions & { readonly token?: string } = {}): KubeClient {
  return new KubeClient({
    // Everything runs in one process: a rate limit would only slow it down.
    qps: 0,
    ...options,
    transport: inProcessTransport(handler, options.user ? { user: options.user } : {}),
    credentials: options.token !== undefined ? bearerToken(options.token) : noCredentials,
    server: 'in-process',
  });
}
