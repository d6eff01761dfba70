/**
 * A selector the API server cannot use: answered as a 400 BadRequest Status carrying this message,
 * which is the text kube-apiserver sends for the same input.
 */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
  readonly code = 400;
  readonly reason = 'BadRequest';
}
