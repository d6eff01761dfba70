import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeDockerHub, translateImage, type ImageRules } from './pods-images.translate.js';

describe('translateImage (sync.toHost.pods.translateImage)', () => {
  const seed002: ImageRules = { 'gcr.io/my-repo': 'docker.io/my-mirror' };
  const airGapped: ImageRules = {
    'gcr.io': 'my-registry.internal/gcr-mirror',
    'docker.io': 'my-registry.internal/docker-mirror',
    'quay.io': 'my-registry.internal/quay-mirror',
  };
  const cases: { name: string; image: string; rules: ImageRules; expected: string }[] = [
    { name: 'no rules', image: 'nginx:1.25', rules: {}, expected: 'nginx:1.25' },
    { name: 'exact match (upstream)', image: 'busybox:1.36', rules: { 'busybox:1.36': 'mirror/busybox:1.36' }, expected: 'mirror/busybox:1.36' },
    { name: 'exact match wins over a prefix', image: 'gcr.io/my-repo/app:1', rules: { ...seed002, 'gcr.io/my-repo/app:1': 'pinned:1' }, expected: 'pinned:1' },
    { name: 'seed 002: repository prefix', image: 'gcr.io/my-repo/app:1', rules: seed002, expected: 'docker.io/my-mirror/app:1' },
    { name: 'prefix with a digest', image: 'gcr.io/my-repo/app@sha256:abc', rules: seed002, expected: 'docker.io/my-mirror/app@sha256:abc' },
    { name: 'the whole repository with a tag', image: 'gcr.io/my-repo:2', rules: seed002, expected: 'docker.io/my-mirror:2' },
    { name: 'no match inside a path component', image: 'gcr.io/my-repo-2/app:1', rules: seed002, expected: 'gcr.io/my-repo-2/app:1' },
    { name: 'a registry is not a repository with a tag', image: 'gcr.io:443/app', rules: { 'gcr.io': 'mirror' }, expected: 'gcr.io:443/app' },
    { name: 'air-gapped: registry prefix', image: 'quay.io/prometheus/node-exporter:v1', rules: airGapped, expected: 'my-registry.internal/quay-mirror/prometheus/node-exporter:v1' },
    { name: 'air-gapped: Docker Hub short name', image: 'nginx:1.25', rules: airGapped, expected: 'my-registry.internal/docker-mirror/library/nginx:1.25' },
    { name: 'air-gapped: Docker Hub user image', image: 'bitnami/redis', rules: airGapped, expected: 'my-registry.internal/docker-mirror/bitnami/redis' },
    { name: 'longest prefix wins', image: 'gcr.io/my-repo/app', rules: { ...airGapped, ...seed002 }, expected: 'docker.io/my-mirror/app' },
    { name: 'trailing slashes in rules are ignored', image: 'gcr.io/x/y', rules: { 'gcr.io/': 'mirror.local/' }, expected: 'mirror.local/x/y' },
    { name: 'localhost is a registry', image: 'localhost:5000/app', rules: { 'docker.io': 'hub' }, expected: 'localhost:5000/app' },
    { name: 'an inherited property name is no rule', image: 'constructor', rules: {}, expected: 'constructor' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(translateImage(c.image, c.rules), c.expected);
    });
  }
});

describe('normalizeDockerHub', () => {
  const cases: [string, string | undefined][] = [
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1', 'docker.io/library/nginx:1'],
    ['user/app', 'docker.io/user/app'],
    ['gcr.io/x', undefined],
    ['localhost/x', undefined],
    ['host:5000/x', undefined],
  ];
  for (const [image, expected] of cases) {
    it(image, () => {
      assert.equal(normalizeDockerHub(image), expected);
    });
  }
});
