import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientFromKubeconfig } from '../client/index.js';
import { CliError } from './context.js';

/** Waits until `kubeconfigPath` exists and the API server behind it answers /readyz. */
export async function waitForApiServer(kubeconfigPath: string, options: { timeoutMs: number; alive?: () => boolean; logPath?: string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (options.alive && !options.alive()) {
      throw new CliError(`the process exited before it was ready${options.logPath ? `; see ${options.logPath}:\n${tail(options.logPath)}` : ''}`);
    }
    if (existsSync(kubeconfigPath)) {
      const client = await clientFromKubeconfig(kubeconfigPath);
      try {
        const res = await client.request({ method: 'GET', path: '/readyz', timeoutMs: 2000 });
        const text = await res.text();
        if (res.status === 200) return;
        last = text;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      } finally {
        await client.close();
      }
    }
    await sleep(100);
  }
  throw new CliError(`timed out waiting for the API server (${last || 'no answer'})${options.logPath ? `; see ${options.logPath}` : ''}`);
}

export function tail(path: string, lines = 20): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
