import pino, { type Logger } from 'pino';

/** Structured logs (JSON lines on stderr), pino's shape, which the client/runtime Logger accepts. */
export type AppLogger = Logger;

export function createLogger(level: 'debug' | 'info' | 'warn' | 'error'): AppLogger {
  return pino({ level, base: { pid: process.pid } }, pino.destination(2));
}
