/** A caught value as an Error, to be thrown again (StatusErrors and other Errors stay as they are). */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
