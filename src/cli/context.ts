import type { Home } from './home.js';
import type { Progress } from './progress.js';

/** What every command gets from the composition root (no command reads process.* itself). */
export interface CliContext {
  readonly home: Home;
  readonly env: NodeJS.ProcessEnv;
  readonly progress: Progress;
  /** Where command output goes (tables, kubeconfigs, JSON). */
  readonly print: (text: string) => void;
  /** How to run this same `vcluster` program in a background process. */
  readonly self: { readonly command: string; readonly args: readonly string[] };
  readonly debug: boolean;
}

/** An error the user can act on: printed without a stack trace, exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
