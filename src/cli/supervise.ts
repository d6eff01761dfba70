import { spawn, type ChildProcess } from 'node:child_process';

export interface SuperviseOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** Resolves when the supervisor itself is asked to stop. */
  readonly stopped: Promise<void>;
}

/**
 * Keeps a control plane running: restarts it when it exits on its own (with backoff, reset after a
 * minute of uptime), and stops it when asked. Resolves with the exit code to use.
 */
export async function supervise(options: SuperviseOptions): Promise<number> {
  // Set from the stop callback while the loop awaits: an object keeps flow analysis honest.
  const state: { stopping: boolean; child?: ChildProcess } = { stopping: false };
  const stopping = (): boolean => state.stopping;
  void options.stopped.then(() => {
    state.stopping = true;
    state.child?.kill('SIGTERM');
  });
  let delay = 1000;
  for (;;) {
    const started = Date.now();
    const child = spawn(options.command, [...options.args], { stdio: 'inherit', env: options.env });
    state.child = child;
    const code = await new Promise<number>((resolve) => {
      child.once('exit', (c, signal) => {
        resolve(c ?? (signal ? 128 : 1));
      });
    });
    if (stopping()) return 0;
    options.log(`control plane exited with code ${code}; restarting in ${delay / 1000}s`);
    if (Date.now() - started > 60_000) delay = 1000;
    await new Promise((r) => setTimeout(r, delay));
    if (stopping()) return 0;
    delay = Math.min(delay * 2, 30_000);
  }
}
