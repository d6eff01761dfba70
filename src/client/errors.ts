import { StatusError, type Status, type StatusReason } from '../api/status.js';

/**
 * The request never got a complete answer: the connection failed, was reset or went away, or the
 * request timed out. Such failures are transient from a controller's point of view.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    /** A short machine-readable cause: a Node error code, 'Timeout', 'GoAway', 'StreamClosed'… */
    readonly code: string,
    /** True when the server cannot have seen the request, so any method may be sent again. */
    readonly notSent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function isTransportError(e: unknown): e is TransportError {
  return e instanceof TransportError;
}

/** The caller's AbortSignal fired: not a failure, just the end of the work. */
export function isAbortError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

/** Errors worth retrying later with backoff: transport failures, throttling, server overload and timeouts. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof TransportError) return true;
  if (e instanceof StatusError) return e.code === 429 || e.code === 500 || e.code === 503 || e.code === 504 || e.reason === 'ServerTimeout';
  return false;
}

const REASONS: Readonly<Record<number, StatusReason>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * A StatusError for a non-2xx answer: the server's Status when the body is one, otherwise a Status
 * made up from the HTTP code, as client-go does for proxies and load balancers that answer in text.
 */
export function statusErrorFromResponse(code: number, body: string, what: string): StatusError {
  const parsed = tryParseStatus(body);
  if (parsed) return StatusError.fromStatus(parsed, code);
  const text = body.trim();
  const reason = REASONS[code] ?? (code >= 500 ? 'InternalError' : '');
  const message = text === '' ? `the server responded with status ${code} (${what})` : `the server responded with status ${code} (${what}): ${text.slice(0, 1024)}`;
  return new StatusError(code, reason, message);
}

function tryParseStatus(body: string): Partial<Status> | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status') return value;
  } catch {
    // Not JSON after all: the caller reports the text.
  }
  return undefined;
}
