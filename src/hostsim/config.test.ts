import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../config/index.js';
import { loadNodeConfig, parseNodeConfig, resolveNodes } from './config.js';

describe('node configuration', () => {
  it('defaults to three kind-like nodes', () => {
    const nodes = resolveNodes();
    assert.deepEqual(nodes.map((n) => n.name), ['vcluster-ts-node-1', 'vcluster-ts-node-2', 'vcluster-ts-node-3']);
    assert.deepEqual(nodes.map((n) => n.internalIP), ['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    assert.equal(nodes[0]?.capacity.pods, '110');
    assert.deepEqual(nodes[0].allocatable, nodes[0].capacity);
  });
  it('applies a template to a count of nodes, and explicit nodes over the template', () => {
    const many = resolveNodes(parseNodeConfig({ count: 5, template: { capacity: { pods: 2000, cpu: '64' }, labels: { tier: 'x' } } }));
    assert.equal(many.length, 5);
    assert.equal(many[4]?.capacity.pods, '2000');
    assert.equal(many[4].capacity.memory, '32Gi');
    assert.equal(many[4].labels.tier, 'x');
    const explicit = resolveNodes(parseNodeConfig({
      template: { labels: { tier: 'x' }, allocatable: { cpu: '7' } },
      nodes: [{ name: 'gpu-1', labels: { gpu: 'true' }, capacity: { 'nvidia.com/gpu': 2 }, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] }, { name: 'small', capacity: { cpu: '2' }, unschedulable: true }],
    }));
    assert.deepEqual(explicit[0]?.labels, { tier: 'x', gpu: 'true' });
    assert.equal(explicit[0].capacity['nvidia.com/gpu'], '2');
    assert.equal(explicit[0].allocatable.cpu, '7');
    assert.equal(explicit[1]?.capacity.cpu, '2');
    assert.equal(explicit[1].unschedulable, true);
  });
  it('accepts a bare list', () => {
    assert.deepEqual(resolveNodes(parseNodeConfig([{ name: 'a' }, { name: 'b' }])).map((n) => n.name), ['a', 'b']);
  });
  const bad: [string, unknown, RegExp][] = [
    ['an unknown key', { nodes: [{ name: 'a', cpus: 3 }] }, /nodes\[0\]\.cpus: unknown key/],
    ['a bad quantity', { template: { capacity: { cpu: 'lots' } } }, /template\.capacity\.cpu: expected a quantity/],
    ['a bad taint effect', { nodes: [{ name: 'a', taints: [{ key: 'k', effect: 'Never' }] }] }, /nodes\[0\]\.taints\[0\]\.effect/],
    ['a bad name', { nodes: [{ name: 'Node_1' }] }, /nodes\[0\]\.name: expected a DNS subdomain/],
    ['duplicate names', { nodes: [{ name: 'a' }, { name: 'a' }] }, /duplicate node name "a"/],
    ['a zero count', { count: 0 }, /count/],
  ];
  for (const [what, input, message] of bad) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseNodeConfig(input), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }
  it('loads YAML files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostsim-config-'));
    try {
      const file = join(dir, 'nodes.yaml');
      writeFileSync(file, 'count: 2\ntemplate:\n  capacity: {cpu: 4}\n');
      assert.equal(resolveNodes(loadNodeConfig(file))[1]?.capacity.cpu, '4');
      writeFileSync(file, 'nodes: [\n');
      assert.throws(() => loadNodeConfig(file), /invalid YAML/);
      assert.throws(() => loadNodeConfig(join(dir, 'missing.yaml')), /cannot read the node file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
