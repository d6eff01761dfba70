/**
 * One error type for the whole project: the API server throws it and serializes it as a
 * metav1.Status; the client parses a Status response back into it. Code checks `isNotFound(e)`,
 * never the shape of an error.
 */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'ServerTimeout'
  | '';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  override readonly name = 'StatusError';
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  toStatus(): Status {
    const s: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details && Object.keys(this.details).length > 0) s.details = this.details;
    return s;
  }

  static fromStatus(status: Partial<Status>, fallbackCode: number): StatusError {
    return new StatusError(
      status.code ?? fallbackCode,
      status.reason ?? '',
      status.message ?? `request failed with status ${fallbackCode}`,
      status.details,
    );
  }
}

/** "pods", "deployments.apps": how kube names a group-resource in messages. */
export function qualifiedResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

export const errors = {
  notFound: (group: string, resource: string, name: string): StatusError =>
    new StatusError(404, 'NotFound', `${qualifiedResource(group, resource)} "${name}" not found`, { name, group, kind: resource }),
  alreadyExists: (group: string, resource: string, name: string): StatusError =>
    new StatusError(409, 'AlreadyExists', `${qualifiedResource(group, resource)} "${name}" already exists`, { name, group, kind: resource }),
  conflict: (group: string, resource: string, name: string, why: string): StatusError =>
    new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(group, resource)} "${name}": ${why}`, { name, group, kind: resource }),
  invalid: (group: string, kind: string, name: string, causes: StatusCause[], message?: string): StatusError => {
    // kube's aggregate: one error bare, several bracketed, duplicates dropped; kinds qualified by group.
    const parts = [...new Set(causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? ''))))];
    const detail = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
    const qualified = group === '' ? kind : `${kind}.${group}`;
    return new StatusError(422, 'Invalid', message ?? `${qualified} "${name}" is invalid: ${detail}`, { name, group, kind, causes });
  },
  badRequest: (message: string): StatusError => new StatusError(400, 'BadRequest', message),
  unauthorized: (message = 'Unauthorized'): StatusError => new StatusError(401, 'Unauthorized', message),
  forbidden: (message: string): StatusError => new StatusError(403, 'Forbidden', message),
  methodNotAllowed: (message: string): StatusError => new StatusError(405, 'MethodNotAllowed', message),
  notAcceptable: (message: string): StatusError => new StatusError(406, 'NotAcceptable', message),
  gone: (message: string): StatusError => new StatusError(410, 'Expired', message),
  tooLarge: (message: string): StatusError => new StatusError(413, 'RequestEntityTooLarge', message),
  unsupportedMediaType: (message: string): StatusError => new StatusError(415, 'UnsupportedMediaType', message),
  tooManyRequests: (message: string, retryAfterSeconds: number): StatusError =>
    new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds }),
  internal: (message: string, cause?: unknown): StatusError =>
    new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }, { cause }),
  timeout: (message: string, retryAfterSeconds = 1): StatusError => new StatusError(504, 'Timeout', message, { retryAfterSeconds }),
  serviceUnavailable: (message: string): StatusError => new StatusError(503, 'ServiceUnavailable', message),
};

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
export const isNotFound = (e: unknown): boolean => e instanceof StatusError && e.code === 404;
export const isAlreadyExists = (e: unknown): boolean => e instanceof StatusError && e.reason === 'AlreadyExists';
export const isConflict = (e: unknown): boolean => e instanceof StatusError && e.code === 409 && e.reason === 'Conflict';
export const isGone = (e: unknown): boolean => e instanceof StatusError && e.code === 410;
export const isInvalid = (e: unknown): boolean => e instanceof StatusError && e.code === 422;
