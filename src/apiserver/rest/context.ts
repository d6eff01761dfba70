import type { UserInfo } from '../auth/types.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** What one request carries into the REST layer. */
export interface RequestContext {
  readonly user: UserInfo;
  readonly dryRun: boolean;
  readonly fieldManager: string;
  readonly fieldValidation: FieldValidation;
  readonly now: Date;
  /** Warnings for the client (sent as `Warning: 299 - "..."` headers). */
  readonly warnings: string[];
  /**
   * The server's own bootstrap writes, which skip per-kind validation the way kube-apiserver's
   * reconcilers do (its `kubernetes` endpoint may be a loopback address). Never set for clients.
   */
  readonly trusted?: boolean;
}

/** kube's timestamps have second precision: 2024-01-02T03:04:05Z. */
export function timestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
