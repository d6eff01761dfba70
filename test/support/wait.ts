import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls until `predicate` holds. The deadline is deliberately generous: it only stops a broken
 * test from hanging, it never measures speed.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await sleep(options.intervalMs ?? 10);
  }
}
