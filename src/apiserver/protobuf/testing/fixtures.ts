import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CapturedCase } from './capture.js';

export const KUBECTL_FIXTURES_PATH = fileURLToPath(
  new URL('./fixtures/kubectl-bodies.json', import.meta.url),
);

export interface KubectlFixtures {
  /** kubectl's gitVersion at capture time. */
  readonly kubectl: string;
  readonly cases: readonly CapturedCase[];
}

export function loadKubectlFixtures(): KubectlFixtures {
  return JSON.parse(readFileSync(KUBECTL_FIXTURES_PATH, 'utf8')) as KubectlFixtures;
}
