// Measurement helpers shared by the benchmarks: load shapes, percentiles and number formats.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** The `p`th percentile (0–100) of ascending `sorted` values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export interface LoadResult {
  readonly seconds: number;
  readonly errors: number;
  /** The first error's message, to say why. */
  readonly firstError?: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs `op(0…total-1)` with `concurrency` requests in flight; times the whole. */
export async function runConcurrently(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<LoadResult> {
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        try {
          await op(i);
        } catch (e) {
          errors++;
          firstError ??= message(e);
        }
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, errors, ...(firstError === undefined ? {} : { firstError }) };
}

/**
 * Open-loop load: `op(i)` starts at `ratePerSecond` whatever the previous ones do (they overlap);
 * `sent(i, at)` gets the performance.now() just before each call. Resolves once all are answered.
 */
export async function runAtRate(total: number, ratePerSecond: number, op: (i: number) => Promise<unknown>, sent: (i: number, at: number) => void): Promise<LoadResult> {
  let errors = 0;
  let firstError: string | undefined;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / ratePerSecond - performance.now();
    if (wait > 1) await sleep(wait);
    sent(i, performance.now());
    pending.push(
      op(i).then(
        () => undefined,
        (e: unknown) => {
          errors++;
          firstError ??= message(e);
        },
      ),
    );
  }
  await Promise.all(pending);
  return { seconds: (performance.now() - t0) / 1000, errors, ...(firstError === undefined ? {} : { firstError }) };
}

export const secondsText = (s: number): string => `${s.toFixed(s < 10 ? 2 : 1)} s`;
export const rateText = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;
export const countText = (n: number): string => n.toLocaleString('en-US');
export const msText = (ms: number): string => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
export const tableRow = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
