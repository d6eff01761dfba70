import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hostLabelSelector,
  hostLabelSelectorNamespace,
  hostLabels,
  hostLabelsMap,
  mergeLabelSelectors,
  virtualLabelSelector,
  virtualLabels,
  virtualLabelsMap,
} from './names-labels.js';
import { isMultiNamespaceTargeted, legacyHostLabels, legacyHostLabelsCluster, matchesSyncLabel } from './names-legacy.js';
import { matchWildcard, podHostname, translateHostNamespace } from './names-special.js';
import { serviceEnvVars } from './names-env.js';
import type { NameContext } from './names-core.js';

const ctx: NameContext = { vclusterName: 'suffix', hostNamespace: 'test' };
const HASHED_RELEASE = 'vcluster.loft.sh/label-suffix-x-a4d451ec23';
const HASHED_NAMESPACE = 'vcluster.loft.sh/label-suffix-x-101dcd4e86';

describe('host labels (spec §1.5.1)', () => {
  const cases: { name: string; v: Record<string, string>; p: Record<string, string> | undefined; ns: string; meta: boolean; expected: Record<string, string> }[] = [
    {
      name: 'selector without marker on the host: no marker added',
      v: { app: 'a' },
      p: { app: 'a' },
      ns: 'x',
      meta: false,
      expected: { app: 'a' },
    },
    {
      name: 'selector whose host object has the marker: marker added',
      v: { app: 'a' },
      p: { 'vcluster.loft.sh/managed-by': 'suffix' },
      ns: 'x',
      meta: false,
      expected: { app: 'a', 'vcluster.loft.sh/managed-by': 'suffix', 'vcluster.loft.sh/namespace': 'x' },
    },
    {
      name: 'a virtual vcluster key is hashed, not trusted',
      v: { 'vcluster.loft.sh/namespace': 'spoof' },
      p: undefined,
      ns: 'x',
      meta: true,
      expected: { [HASHED_NAMESPACE]: 'spoof', 'vcluster.loft.sh/managed-by': 'suffix', 'vcluster.loft.sh/namespace': 'x' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(hostLabelsMap(ctx, c.v, c.p, c.ns, c.meta), c.expected);
    });
  }
  it('undefined virtual labels stay undefined; hostLabels always marks the object', () => {
    assert.equal(hostLabelsMap(ctx, undefined, undefined, 'x', true), undefined);
    assert.deepEqual(hostLabels(ctx, undefined, 'x'), { 'vcluster.loft.sh/managed-by': 'suffix', 'vcluster.loft.sh/namespace': 'x' });
  });
});

describe('virtual labels', () => {
  it('ns-label keys and vcluster keys never flow back; the virtual side keeps its own', () => {
    const host = {
      a: '1',
      'vcluster.loft.sh/ns-label-suffix-x-cf1227b7b2': 'ns',
      'vcluster.loft.sh/managed-by': 'suffix',
      'vcluster.loft.sh/controlled-by': 'c',
    };
    assert.deepEqual(virtualLabelsMap(ctx, host, { 'vcluster.loft.sh/controlled-by': 'mine' }), { a: '1', 'vcluster.loft.sh/controlled-by': 'mine' });
    assert.equal(virtualLabels(ctx, { 'vcluster.loft.sh/managed-by': 'suffix' }), undefined);
  });
  it('extra excluded keys keep the virtual value', () => {
    assert.deepEqual(virtualLabelsMap(ctx, { keep: 'host', other: 'o' }, { keep: 'virtual' }, ['keep']), { keep: 'virtual', other: 'o' });
  });
});

describe('selectors', () => {
  it('rewrites matchLabels and matchExpressions keys; undefined stays undefined', () => {
    assert.equal(hostLabelSelector(ctx, undefined), undefined);
    assert.deepEqual(
      hostLabelSelector(ctx, { matchLabels: { release: 'r' }, matchExpressions: [{ key: 'release', operator: 'Exists' }] }),
      { matchLabels: { [HASHED_RELEASE]: 'r' }, matchExpressions: [{ key: HASHED_RELEASE, operator: 'Exists' }] },
    );
  });
  it('virtual selectors keep keys that would be dropped', () => {
    assert.deepEqual(virtualLabelSelector(ctx, { matchLabels: { release: 'r' } }), { matchLabels: { release: 'r' } });
  });
  it('namespace selectors hash every key with the ns-label prefix', () => {
    assert.deepEqual(hostLabelSelectorNamespace(ctx, { matchLabels: { 'kubernetes.io/metadata.name': 'team' } }), {
      matchLabels: { 'vcluster.loft.sh/ns-label-suffix-x-cf1227b7b2': 'team' },
    });
  });
  it('merge: later matchLabels win, expressions concatenate', () => {
    assert.deepEqual(
      mergeLabelSelectors(
        { matchLabels: { a: '1', b: '1' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] },
        undefined,
        { matchLabels: { b: '2' }, matchExpressions: [{ key: 'y', operator: 'DoesNotExist' }] },
      ),
      { matchLabels: { a: '1', b: '2' }, matchExpressions: [{ key: 'x', operator: 'Exists' }, { key: 'y', operator: 'DoesNotExist' }] },
    );
    assert.deepEqual(mergeLabelSelectors(), {});
  });
});

describe('old label scheme (spec §1.5.2), still found on hosts', () => {
  it('hashes every key, copies sync-labels verbatim (with /* prefix wildcards), adds marker and namespace', () => {
    assert.deepEqual(legacyHostLabels(ctx, { myLabel: 'x', 'app.kubernetes.io/name': 'n' }, 'ns', ['app.kubernetes.io/*']), {
      'vcluster.loft.sh/label-suffix-x-cb4e76426f': 'x',
      'vcluster.loft.sh/label-suffix-x-71dafa318e': 'n',
      'app.kubernetes.io/name': 'n',
      'vcluster.loft.sh/managed-by': 'suffix',
      'vcluster.loft.sh/namespace': 'ns',
    });
  });
  it('cluster-scoped: TNS in the key, cluster marker, controlled-by kept', () => {
    assert.deepEqual(legacyHostLabelsCluster(ctx, { app: 'a' }, { 'vcluster.loft.sh/controlled-by': 'p' }), {
      'vcluster.loft.sh/label-test-x-suffix-x-a172cedcae': 'a',
      'vcluster.loft.sh/controlled-by': 'p',
      'vcluster.loft.sh/managed-by': 'test-x-suffix',
    });
  });
  const patterns = [
    { pattern: 'app', key: 'app', expected: true },
    { pattern: 'app', key: 'apps', expected: false },
    { pattern: 'example.com/*', key: 'example.com/a', expected: true },
    { pattern: 'example.com/*', key: 'sub.example.com/a', expected: true },
    { pattern: 'example.com/*', key: 'example.org/a', expected: false },
  ];
  for (const p of patterns) {
    it(`sync-label ${p.pattern} ${p.expected ? 'matches' : 'does not match'} ${p.key}`, () => {
      assert.equal(matchesSyncLabel(p.pattern, p.key), p.expected);
    });
  }
  it('multi-namespace targeted namespaces', () => {
    assert.equal(isMultiNamespaceTargeted('vcluster', 'my-vc', 'vcluster-37a8eec1-60facd93'), true);
    assert.equal(isMultiNamespaceTargeted('vcluster', 'other', 'vcluster-37a8eec1-60facd93'), false);
  });
});

describe('special names', () => {
  const hostnames = [
    { name: 'web-0', spec: '', expected: 'web-0' },
    { name: 'a.b', spec: 'explicit', expected: 'explicit' },
    { name: 'ends.', spec: '', expected: 'ends' },
  ];
  for (const h of hostnames) {
    it(`pod hostname of ${h.name}`, () => {
      assert.equal(podHostname(h.name, h.spec), h.expected);
    });
  }
  it('namespace wildcard matching', () => {
    assert.equal(matchWildcard('team-a', 'team-*'), 'a');
    assert.equal(matchWildcard('xteam-a', 'team-*'), undefined);
    assert.equal(matchWildcard('team-a', 'team-a'), undefined);
    assert.equal(translateHostNamespace('vc', 'vc-x', { '*': '${name}-*' }), 'x');
  });
  it('service env vars: headless services are skipped; IPv6 is bracketed; UDP lower-cased', () => {
    assert.deepEqual(serviceEnvVars([{ name: 'h', clusterIP: 'None', ports: [{ port: 1 }] }]), []);
    assert.deepEqual(
      serviceEnvVars([{ name: 'dns', clusterIP: 'fd00::a', ports: [{ port: 53, protocol: 'UDP' }] }]).map((e) => `${e.name}=${e.value}`),
      [
        'DNS_SERVICE_HOST=fd00::a',
        'DNS_SERVICE_PORT=53',
        'DNS_PORT=udp://[fd00::a]:53',
        'DNS_PORT_53_UDP=udp://[fd00::a]:53',
        'DNS_PORT_53_UDP_PROTO=udp',
        'DNS_PORT_53_UDP_PORT=53',
        'DNS_PORT_53_UDP_ADDR=fd00::a',
      ],
    );
  });
});
