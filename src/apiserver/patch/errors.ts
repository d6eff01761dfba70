import { StatusError } from '../../api/status.js';
import type { StatusReason } from '../../api/status.js';

/**
 * A patch that could not be decoded or applied. It is a StatusError carrying the code, reason and
 * message kube-apiserver answers for the same patch, so the API server can send `toStatus()` as is.
 *
 * `detail` is the underlying failure. kube-apiserver hides it for 422s (its generic "rejected
 * our request" text is all a client sees), but it is worth logging.
 */
export class PatchError extends StatusError {
  constructor(
    code: 400 | 413 | 415 | 422 | 500,
    reason: StatusReason,
    message: string,
    readonly detail: string = message,
  ) {
    super(code, reason, message);
  }
}

export function isPatchError(e: unknown): e is PatchError {
  return e instanceof PatchError;
}

/** 400: the patch body does not decode as the patch type requires. */
export const badRequest = (message: string): PatchError => new PatchError(400, 'BadRequest', message);

/**
 * 422 as kube answers it for a JSON patch or strategic merge patch that cannot be applied:
 * `errors.NewGenericServerResponse(422, …)`, whose message is a fixed sentence.
 */
export const unprocessable = (detail: string): PatchError =>
  new PatchError(422, 'Invalid', 'the server rejected our request due to an error in our request', detail);

/**
 * 500 with no reason: what kube answers when strategicpatch (or json-patch) fails with a plain Go
 * error that the patch handler does not translate, e.g. a list element without its merge key.
 */
export const unclassified = (message: string): PatchError => new PatchError(500, '', message);

export const tooLarge = (message: string): PatchError =>
  new PatchError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`, message);

export const unsupportedMediaType = (accepted: readonly string[]): PatchError =>
  new PatchError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
