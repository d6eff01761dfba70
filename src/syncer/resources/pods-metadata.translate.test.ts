import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { goJsonString, hostPodAnnotations, labelsAnnotation, ownerAnnotations, ownerReferencesJson, tokenAnnotationKeys, withNamespaceLabels } from './pods-metadata.translate.js';

const ctx: NameContext = { vclusterName: 'suffix', hostNamespace: 'test' };

describe('labelsAnnotation (vcluster.loft.sh/labels)', () => {
  const cases: [Record<string, string> | undefined, string][] = [
    [undefined, ''],
    [{ b: '2', a: '1' }, 'a="1"\nb="2"'],
    [{ q: 'say "hi"' }, 'q="say \\"hi\\""'],
    [{ h: '<a&b>' }, 'h="\\u003ca\\u0026b\\u003e"'],
  ];
  for (const [labels, expected] of cases) {
    it(JSON.stringify(labels), () => {
      assert.equal(labelsAnnotation(labels), expected);
    });
  }
  it('goJsonString escapes like Go', () => {
    assert.equal(goJsonString('a\u2028b'), '"a\\u2028b"');
  });
});

describe('ownerReferencesJson', () => {
  it("Go's field order, optional fields only when set", () => {
    assert.equal(
      ownerReferencesJson([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }, { apiVersion: 'v1', kind: 'X', name: 'x', uid: 'v' }]),
      '[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"u","controller":true},{"apiVersion":"v1","kind":"X","name":"x","uid":"v"}]',
    );
  });
});

describe('hostPodAnnotations', () => {
  const cases: { name: string; pod: Pod; base?: Record<string, string>; expected: Record<string, string> }[] = [
    {
      name: 'a bare pod',
      pod: { metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [], serviceAccountName: 'sa' } },
      expected: {
        'vcluster.loft.sh/namespace': 'ns',
        'vcluster.loft.sh/name': 'p',
        'vcluster.loft.sh/uid': 'u',
        'vcluster.loft.sh/service-account-name': 'sa',
        'vcluster.loft.sh/labels': '',
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
      },
    },
    {
      name: 'a DaemonSet pod',
      pod: { metadata: { name: 'p', namespace: 'ns', uid: 'u', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'd', controller: true }] } },
      expected: {
        'vcluster.loft.sh/namespace': 'ns',
        'vcluster.loft.sh/name': 'p',
        'vcluster.loft.sh/uid': 'u',
        'vcluster.loft.sh/service-account-name': '',
        'vcluster.loft.sh/labels': '',
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
        'cluster-autoscaler.kubernetes.io/daemonset-pod': 'true',
        'vcluster.loft.sh/owner-references': '[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"d","controller":true}]',
        'vcluster.loft.sh/owner-set-kind': 'DaemonSet',
      },
    },
    {
      name: 'values the virtual pod carries are kept; safe-to-evict set by the user is kept',
      pod: {
        metadata: {
          name: 'p',
          namespace: 'ns',
          uid: 'u',
          labels: { a: 'b' },
          annotations: { 'vcluster.loft.sh/name': 'orig', 'vcluster.loft.sh/labels': 'x="y"' },
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'j' }],
        },
      },
      base: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
      expected: {
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
        'vcluster.loft.sh/namespace': 'ns',
        'vcluster.loft.sh/name': 'orig',
        'vcluster.loft.sh/uid': 'u',
        'vcluster.loft.sh/service-account-name': '',
        'vcluster.loft.sh/labels': 'x="y"',
        'vcluster.loft.sh/owner-references': '[{"apiVersion":"batch/v1","kind":"Job","name":"j","uid":"j"}]',
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(hostPodAnnotations(c.pod, c.base ?? {}), c.expected);
    });
  }
});

describe('ownerAnnotations (recomputed on sync)', () => {
  it('owners removed from the virtual pod disappear; labels follow the virtual pod', () => {
    const annotations = { keep: '1', 'vcluster.loft.sh/owner-references': '[]', 'vcluster.loft.sh/owner-set-kind': 'ReplicaSet', 'vcluster.loft.sh/labels': 'old' };
    assert.deepEqual(ownerAnnotations(annotations, { metadata: { labels: { a: '1' } } }), { keep: '1', 'vcluster.loft.sh/labels': 'a="1"' });
    assert.deepEqual(ownerAnnotations({}, { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 's', uid: 'u' }] } }), {
      'vcluster.loft.sh/labels': '',
      'vcluster.loft.sh/owner-references': '[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"s","uid":"u"}]',
      'vcluster.loft.sh/owner-set-kind': 'StatefulSet',
    });
  });
});

describe('withNamespaceLabels', () => {
  it('replaces all namespace labels with those of the virtual Namespace', () => {
    assert.deepEqual(
      withNamespaceLabels(ctx, { app: 'a', 'vcluster.loft.sh/ns-label-suffix-x-0000000000': 'gone' }, { 'kubernetes.io/metadata.name': 'ns' }),
      { app: 'a', 'vcluster.loft.sh/ns-label-suffix-x-cf1227b7b2': 'ns' },
    );
  });
});

describe('tokenAnnotationKeys', () => {
  it('finds the token annotations projected volumes read', () => {
    const host: Pod = {
      spec: {
        containers: [],
        volumes: [
          { name: 'a', projected: { sources: [{ downwardAPI: { items: [{ path: 't', fieldRef: { fieldPath: "metadata.annotations['vcluster.loft.sh/token-abcdefgh']" } }] } }] } },
          { name: 'b', projected: { sources: [{ downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: "metadata.annotations['other']" } }] } }] } },
        ],
      },
    };
    assert.deepEqual(tokenAnnotationKeys(host), ['vcluster.loft.sh/token-abcdefgh']);
  });
});
