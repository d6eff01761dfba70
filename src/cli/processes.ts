import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A background process recorded in a pid file. */
export interface PidFile {
  readonly path: string;
}

export function readPid(file: PidFile): number | undefined {
  if (!existsSync(file.path)) return undefined;
  const pid = Number(readFileSync(file.path, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited process stays a zombie until its parent (or init) reaps it: it has stopped.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The pid in the file if that process still runs (a stale file is removed). */
export function runningPid(file: PidFile): number | undefined {
  const pid = readPid(file);
  if (isAlive(pid)) return pid;
  if (pid !== undefined) rmSync(file.path, { force: true });
  return undefined;
}

/**
 * Starts `command args…` detached from this terminal, stdout and stderr appended to `logPath`,
 * and records its pid. The child keeps running after this process exits.
 */
export function spawnBackground(command: string, args: readonly string[], options: { logPath: string; pidFile: PidFile; env?: NodeJS.ProcessEnv }): number {
  mkdirSync(dirname(options.logPath), { recursive: true });
  const log = openSync(options.logPath, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env: options.env ?? process.env });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(options.pidFile.path, `${child.pid}\n`, { mode: 0o600 });
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
export async function stopProcess(file: PidFile, graceMs = 15_000): Promise<boolean> {
  const pid = runningPid(file);
  if (pid === undefined) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    while (isAlive(pid)) await sleep(20);
  }
  rmSync(file.path, { force: true });
  return true;
}
