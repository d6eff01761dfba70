import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerId, goDuration, imageId, imageSize, pullPolicy, resolvedImage } from './images.js';

describe('images', () => {
  const names: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['ghcr.io/org/tool@sha256:abc', 'ghcr.io/org/tool@sha256:abc'],
  ];
  for (const [image, want] of names) it(`${image} → ${want}`, () => { assert.equal(resolvedImage(image), want); });
  it('gives stable digests and sizes', () => {
    assert.match(imageId('nginx'), /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.equal(imageId('nginx'), imageId('docker.io/library/nginx:latest'));
    assert.notEqual(imageId('nginx:1.25'), imageId('nginx:1.26'));
    assert.equal(imageId('x@sha256:abc'), 'docker.io/library/x@sha256:abc');
    assert.equal(imageSize('nginx'), imageSize('nginx'));
    assert.match(containerId('uid', 'c', 0), /^containerd:\/\/[0-9a-f]{64}$/);
    assert.notEqual(containerId('uid', 'c', 0), containerId('uid', 'c', 1));
  });
  it('defaults the pull policy as kube does', () => {
    assert.equal(pullPolicy({ image: 'nginx' }), 'Always');
    assert.equal(pullPolicy({ image: 'nginx:latest' }), 'Always');
    assert.equal(pullPolicy({ image: 'nginx:1.25' }), 'IfNotPresent');
    assert.equal(pullPolicy({ image: 'nginx', imagePullPolicy: 'Never' }), 'Never');
  });
  it('prints durations as Go does', () => {
    assert.deepEqual([812, 1000, 2345, 10_000, 80_000, 300_000, 3_725_000].map(goDuration), ['812ms', '1s', '2.345s', '10s', '1m20s', '5m0s', '1h2m5s']);
  });
});
