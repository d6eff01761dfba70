import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { managerFromUserAgent } from './resource.js';

describe('managerFromUserAgent (kube-apiserver prefixFromUserAgent)', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['client-go shape', 'kubelet/v1.32.0 (linux/amd64) kubernetes/70d3cc9', 'kubelet'],
    ['kubectl', 'kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0', 'kubectl'],
    ['no slash: all of it', 'curl 8.5', 'curl 8.5'],
    ['empty', '', ''],
    ['leading slash', '/x', ''],
    ['unprintable characters dropped', 'ku\tbe\u0000let/1', 'kubelet'],
    ['non-ASCII kept', 'clîent/1', 'clîent'],
    ['cut at 128 bytes', `${'a'.repeat(130)}/1`, 'a'.repeat(128)],
    ['a character that would cross 128 bytes is left out', `${'a'.repeat(127)}é/1`, 'a'.repeat(127)],
  ];
  for (const [name, userAgent, want] of cases) {
    it(name, () => {
      assert.equal(managerFromUserAgent(userAgent), want);
    });
  }
});
