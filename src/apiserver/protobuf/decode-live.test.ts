import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtobufObject } from './index.js';
import { captureCases } from './testing/capture.js';
import { KUBECTL_CASES } from './testing/kubectl-cases.js';
import { kubectlAvailable } from './testing/kubectl.js';

/** A few cases captured live from the kubectl on PATH, so a kubectl upgrade shows up here. */
const LIVE = ['namespace', 'secret tls', 'deployment with command', 'ingress full'];

describe('decodeProtobufObject on bodies kubectl sends now', async () => {
  const skip = (await kubectlAvailable()) ? false : 'kubectl is not installed';
  it('equals kubectl --dry-run=client -o json', { skip }, async () => {
    const cases = KUBECTL_CASES.filter((c) => LIVE.includes(c.name));
    assert.equal(cases.length, LIVE.length);
    for (const c of await captureCases(cases)) {
      assert.equal(c.contentType, 'application/vnd.kubernetes.protobuf', c.name);
      assert.ok(c.dryRun, c.name);
      assert.deepStrictEqual(decodeProtobufObject(Buffer.from(c.body, 'base64')), c.dryRun, c.name);
    }
  });
});
