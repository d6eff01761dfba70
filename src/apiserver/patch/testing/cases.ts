/** Table-driven test support for the patch engines. */
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { isPatchError } from '../errors.js';
import { applyStrategicMergePatch } from '../strategic/index.js';
import type { JsonObject } from '../json-value.js';
import { resolver, schemaOf } from './k8s-schemas.js';

/** Freezes a JSON value all the way down, so that any write to it throws. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const e of Object.values(v)) deepFreeze(e);
  }
  return v;
}

/** Runs `apply` on frozen inputs and checks its result, or the PatchError's code and message. */
export function expectPatch(
  apply: () => unknown,
  expected: { want?: unknown; error?: readonly [number, string] },
): unknown {
  if (expected.error) {
    const [code, message] = expected.error;
    assert.throws(apply, (e: unknown) => {
      assert.ok(isPatchError(e), `expected a PatchError, got ${String(e)}`);
      assert.equal(e.code, code);
      assert.equal(e.message, message);
      return true;
    });
    return undefined;
  }
  const got = apply();
  assert.deepStrictEqual(got, expected.want);
  return got;
}

export const KIND_SCHEMAS = {
  Pod: 'io.k8s.api.core.v1.Pod',
  Service: 'io.k8s.api.core.v1.Service',
  Deployment: 'io.k8s.api.apps.v1.Deployment',
  ConfigMap: 'io.k8s.api.core.v1.ConfigMap',
} as const;

export interface StrategicCase {
  readonly name: string;
  readonly kind: keyof typeof KIND_SCHEMAS;
  readonly doc: JsonObject;
  readonly patch: JsonObject;
  readonly want?: JsonObject;
  /** Status code and message kube-apiserver answers. */
  readonly error?: readonly [number, string];
}

/**
 * One test per case. Unless noted otherwise, `want` and `error` are what kubectl 1.32 computes for
 * the same document and patch (`kubectl patch --local --type strategic`), which runs the same
 * apimachinery code as kube-apiserver with the same options.
 */
export function strategicCases(cases: readonly StrategicCase[]): void {
  for (const c of cases) {
    void it(c.name, () => {
      const doc = deepFreeze(structuredClone(c.doc));
      const patch = deepFreeze(structuredClone(c.patch));
      expectPatch(() => applyStrategicMergePatch(doc, patch, schemaOf(KIND_SCHEMAS[c.kind]), resolver), c);
    });
  }
}
