import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodAffinityTerm, Toleration } from 'kubernetes-types/core/v1.js';
import { hostLabelNamespace, type NameContext } from '../names.js';
import {
  addTolerations,
  NAMESPACES_WITH_SELECTOR_WARNING,
  translateAffinity,
  translateAffinityTerm,
  translateTopologySpreadConstraints,
} from './pods-affinity.translate.js';

const ctx: NameContext = { vclusterName: 'vcluster', hostNamespace: 'test' };
const NS = 'vcluster.loft.sh/namespace';
const MARKER = 'vcluster.loft.sh/managed-by';
const longKey = 'pretty-loooooooooooong-test-key';
const basic = { matchLabels: { 'random-key': 'value' } };

describe('translateAffinityTerm (upstream TestPodAffinityTermsTranslation)', () => {
  const cases: { name: string; term: PodAffinityTerm; expected: PodAffinityTerm; warnings?: number }[] = [
    { name: 'no selector', term: { topologyKey: 'zone', namespaces: ['blabla'] }, expected: { topologyKey: 'zone' } },
    {
      name: 'empty namespaces array and null namespaceSelector',
      term: { topologyKey: 'zone', labelSelector: basic, namespaces: [] },
      expected: { topologyKey: 'zone', labelSelector: { matchLabels: { 'random-key': 'value', [NS]: 'equestria', [MARKER]: 'vcluster' } } },
    },
    {
      name: 'null namespaceSelector and defined namespaces array',
      term: { topologyKey: 'zone', labelSelector: basic, namespaces: ['equestria', 'dummy namespace'] },
      expected: {
        topologyKey: 'zone',
        labelSelector: { matchLabels: { 'random-key': 'value', [MARKER]: 'vcluster' }, matchExpressions: [{ key: NS, operator: 'In', values: ['equestria', 'dummy namespace'] }] },
      },
    },
    {
      name: 'empty namespaceSelector and defined namespaces array',
      term: { topologyKey: 'zone', labelSelector: basic, namespaces: ['equestria'], namespaceSelector: {} },
      expected: { topologyKey: 'zone', labelSelector: { matchLabels: { 'random-key': 'value', [MARKER]: 'vcluster' } } },
    },
    {
      name: 'namespaces array specified together with the namespaceSelector',
      term: { topologyKey: 'zone', labelSelector: basic, namespaces: ['equestria'], namespaceSelector: basic },
      expected: {
        topologyKey: 'zone',
        labelSelector: { matchLabels: { 'random-key': 'value', [MARKER]: 'vcluster' }, matchExpressions: [{ key: NS, operator: 'In', values: ['equestria'] }] },
      },
      warnings: 1,
    },
    {
      name: 'defined namespaceSelector and no namespaces',
      term: { topologyKey: 'zone', labelSelector: basic, namespaceSelector: { matchLabels: { [longKey]: 'good-value' } } },
      expected: { topologyKey: 'zone', labelSelector: { matchLabels: { 'random-key': 'value', [hostLabelNamespace(ctx, longKey)]: 'good-value', [MARKER]: 'vcluster' } } },
    },
    {
      name: 'namespaceSelector with MatchExpressions',
      term: { topologyKey: 'zone', labelSelector: basic, namespaceSelector: { matchExpressions: [{ key: longKey, operator: 'NotIn', values: ['bad-value'] }] } },
      expected: {
        topologyKey: 'zone',
        labelSelector: {
          matchLabels: { 'random-key': 'value', [MARKER]: 'vcluster' },
          matchExpressions: [{ key: hostLabelNamespace(ctx, longKey), operator: 'NotIn', values: ['bad-value'] }],
        },
      },
    },
    {
      name: 'translated label keys in the selector',
      term: { topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'release', operator: 'Exists' }] } },
      expected: {
        topologyKey: 'zone',
        labelSelector: { matchLabels: { [NS]: 'equestria', [MARKER]: 'vcluster' }, matchExpressions: [{ key: 'vcluster.loft.sh/label-vcluster-x-a4d451ec23', operator: 'Exists' }] },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const warnings: string[] = [];
      assert.deepEqual(translateAffinityTerm(ctx, c.term, 'equestria', warnings), c.expected);
      assert.deepEqual(warnings, c.warnings === undefined ? [] : [NAMESPACES_WITH_SELECTOR_WARNING]);
    });
  }
});

describe('translateAffinity', () => {
  it('rewrites pod affinity and anti-affinity, keeps node affinity', () => {
    const nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } };
    const out = translateAffinity(
      ctx,
      {
        nodeAffinity,
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'h', labelSelector: basic } }] },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'h', labelSelector: basic }] },
      },
      'ns',
    );
    const selector = { matchLabels: { 'random-key': 'value', [NS]: 'ns', [MARKER]: 'vcluster' } };
    assert.deepEqual(out.affinity, {
      nodeAffinity,
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'h', labelSelector: selector } }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'h', labelSelector: selector }] },
    });
    assert.deepEqual(translateAffinity(ctx, undefined, 'ns'), { affinity: undefined, warnings: [] });
  });
});

describe('translateTopologySpreadConstraints', () => {
  it('narrows to the virtual namespace and this vcluster', () => {
    assert.deepEqual(
      translateTopologySpreadConstraints(ctx, [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a' } } },
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ], 'ns'),
      [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a', [NS]: 'ns', [MARKER]: 'vcluster' } } },
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    );
  });
});

describe('addTolerations (enforceTolerations)', () => {
  const special: Toleration = { key: 'node.kubernetes.io/special', operator: 'Exists', effect: 'NoSchedule' };
  const cases: { name: string; base: Toleration[] | undefined; extra: Toleration[]; expected: Toleration[] | undefined }[] = [
    { name: 'nothing to add', base: undefined, extra: [], expected: undefined },
    { name: 'added to none', base: undefined, extra: [special], expected: [special] },
    { name: 'appended', base: [{ key: 'a', operator: 'Exists' }], extra: [special], expected: [{ key: 'a', operator: 'Exists' }, special] },
    { name: 'not added twice', base: [{ ...special }], extra: [special], expected: [special] },
    { name: 'different seconds is another toleration', base: [{ ...special, tolerationSeconds: 5 }], extra: [special], expected: [{ ...special, tolerationSeconds: 5 }, special] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(addTolerations(c.base, c.extra), c.expected);
    });
  }
});
