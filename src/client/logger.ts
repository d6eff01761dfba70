/**
 * The logging the client and runtime need: structured fields first, message second, which is the
 * shape of pino's methods, so a pino logger can be passed as is.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const ignore = (): void => undefined;

export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** What an unknown thrown value says, for log fields. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
