/** One HTTP exchange as the client sends it. */
export interface TransportRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/v1/pods?watch=true`. */
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  /** Aborting stops the exchange at any point, the response body included. */
  readonly signal?: AbortSignal | undefined;
}

/** The answer once its headers have arrived; the body streams. */
export interface TransportResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Readable once. Fails with a TransportError if the connection breaks mid-body. */
  readonly body: AsyncIterable<Buffer>;
  /** Stops reading and releases the stream (reading the body to its end releases it too). */
  cancel(): void;
  /** The whole body at once, failing as `body` would; cheaper than iterating when a transport has it. */
  readAll?(): Promise<Buffer>;
}

/**
 * How requests reach an API server: HTTP/2 or HTTP/1.1 over the network, or a direct call into an
 * API server's handler in the same process. Failures before an answer are TransportErrors; an
 * aborted signal rejects with the signal's reason.
 */
export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Ends connections; requests in flight fail. */
  close(): Promise<void>;
}

/** Joins Node's header values into one string per lower-case name. */
export function flattenHeaders(headers: Readonly<Record<string, string | string[] | number | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** What a TLS connection to the server needs, as the kubeconfig or the caller gives it. */
export interface TlsMaterial {
  /** PEM CA bundle; the system roots when absent. */
  readonly ca?: string | Buffer | undefined;
  /** PEM client certificate and key. */
  readonly cert?: string | Buffer | undefined;
  readonly key?: string | Buffer | undefined;
  /** Name to verify the server certificate against, when it differs from the URL's host. */
  readonly servername?: string | undefined;
  /** false only for `insecure-skip-tls-verify`. */
  readonly rejectUnauthorized?: boolean | undefined;
}

/** Resolves TLS material for a new connection; may return the same object while nothing changed. */
export type TlsSource = () => Promise<TlsMaterial>;
