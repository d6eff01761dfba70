import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults } from '../defaults/index.js';
import { KIND_VALIDATORS, validateCreate, validateUpdate } from './index.js';
import type { Obj } from './json.js';

// Decoded JSON can hold anything anywhere; validation must report, never throw.
const JUNK: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], [null], [1, 'a'], {}, { a: null }];

/** Objects of the kind's rough shape with junk in every position. */
function shapes(): Obj[] {
  const out: Obj[] = [{}, { metadata: null }, { metadata: 'x', spec: 'y' }];
  for (const j of JUNK) {
    out.push({ metadata: { name: 'n', namespace: 'd', labels: j, annotations: j, finalizers: j, ownerReferences: j }, spec: j, status: j, data: j });
    out.push({
      metadata: { name: 'n', namespace: 'd' },
      spec: {
        containers: [{ name: 'c', image: j, ports: j, env: j, resources: j, volumeMounts: j, livenessProbe: j }],
        volumes: j,
        selector: j,
        template: { metadata: { labels: j }, spec: { containers: j } },
        ports: [{ port: j, targetPort: j, nodePort: j }],
        rules: [j],
        versions: [j],
        names: j,
        replicas: j,
        strategy: j,
        updateStrategy: j,
        schedule: j,
        jobTemplate: j,
        accessModes: j,
        resources: { requests: j },
        clusterIP: j,
        type: j,
      },
      rules: j,
      subjects: [j],
      roleRef: j,
      data: { k: j },
      binaryData: j,
      stringData: j,
      type: j,
      value: j,
      provisioner: j,
      endpoints: [j],
      addressType: j,
      involvedObject: j,
      handler: j,
    });
  }
  return out;
}

describe('validation and defaulting never throw on malformed input', () => {
  for (const v of KIND_VALIDATORS) {
    it(`${v.group}/${v.kind}`, () => {
      const gvk = { group: v.group, version: 'v1', kind: v.kind };
      for (const shape of shapes()) {
        const a = structuredClone(shape);
        const b = structuredClone(shape);
        assert.doesNotThrow(() => applyDefaults(gvk, a), JSON.stringify(shape));
        assert.doesNotThrow(() => validateCreate(gvk, a), JSON.stringify(shape));
        assert.doesNotThrow(() => validateCreate(gvk, b), JSON.stringify(shape));
        assert.doesNotThrow(() => validateUpdate(gvk, a, b), JSON.stringify(shape));
      }
    });
  }
});
