import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiscoveryFormatError, isAggregatedContentType, parseAggregated, parseApiVersions, parseGroupList, parseResourceList } from './discovery.js';

const aggregatedApps = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: 'apps' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'deployments',
              responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
              scope: 'Namespaced',
              singularResource: 'deployment',
              verbs: ['create', 'get', 'list', 'watch'],
              shortNames: ['deploy'],
              categories: ['all'],
              subresources: [
                { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'update'] },
                { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get'] },
              ],
            },
          ],
          freshness: 'Current',
        },
      ],
    },
    {
      metadata: { name: 'example.com' },
      versions: [
        { version: 'v2', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v2', kind: 'Widget' }, scope: 'Cluster', singularResource: 'widget', verbs: ['get'] }] },
        { version: 'v1', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, scope: 'Cluster', singularResource: 'widget', verbs: ['get'] }] },
      ],
    },
  ],
};

describe('parseAggregated', () => {
  it('reads groups in preference order and resources with subresources', () => {
    const doc = parseAggregated(aggregatedApps);
    assert.deepEqual(doc.groups, [
      { name: 'apps', versions: ['v1'] },
      { name: 'example.com', versions: ['v2', 'v1'] },
    ]);
    assert.deepEqual(doc.resources[0], {
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      kind: 'Deployment',
      namespaced: true,
      singular: 'deployment',
      shortNames: ['deploy'],
      categories: ['all'],
      verbs: ['create', 'get', 'list', 'watch'],
      subresources: [
        { name: 'scale', kind: 'Scale', verbs: ['get', 'update'] },
        { name: 'status', kind: 'Deployment', verbs: ['get'] },
      ],
    });
    assert.deepEqual(
      doc.resources.slice(1).map((r) => [r.group, r.version, r.resource, r.namespaced]),
      [['example.com', 'v2', 'widgets', false], ['example.com', 'v1', 'widgets', false]],
    );
  });

  it('reads the core group (no name) from /api', () => {
    const doc = parseAggregated({
      kind: 'APIGroupDiscoveryList',
      items: [{ metadata: {}, versions: [{ version: 'v1', resources: [{ resource: 'pods', responseKind: { kind: 'Pod' }, scope: 'Namespaced', verbs: [] }] }] }],
    });
    assert.deepEqual(doc.groups, [{ name: '', versions: ['v1'] }]);
    assert.equal(doc.resources[0]?.group, '');
    assert.equal(doc.resources[0].kind, 'Pod');
  });

  it('rejects other documents', () => {
    assert.throws(() => parseAggregated({ kind: 'APIGroupList', groups: [] }), DiscoveryFormatError);
    assert.throws(() => parseAggregated('nope'), DiscoveryFormatError);
  });
});

describe('legacy discovery', () => {
  it('puts the preferred version first', () => {
    assert.deepEqual(parseApiVersions({ kind: 'APIVersions', versions: ['v1'] }), { name: '', versions: ['v1'] });
    const groups = parseGroupList(
      {
        kind: 'APIGroupList',
        groups: [
          { name: 'autoscaling', versions: [{ groupVersion: 'autoscaling/v1', version: 'v1' }, { groupVersion: 'autoscaling/v2', version: 'v2' }], preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' } },
          { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] },
        ],
      },
    );
    assert.deepEqual(groups, [
      { name: 'autoscaling', versions: ['v2', 'v1'] },
      { name: 'apps', versions: ['v1'] },
    ]);
  });

  it('folds subresources into their resource', () => {
    const resources = parseResourceList('', 'v1', {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
        { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
        { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
        { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get'] },
      ],
    });
    assert.deepEqual(resources.map((r) => [r.resource, r.kind, r.namespaced, r.subresources.map((s) => s.name)]), [
      ['pods', 'Pod', true, ['log', 'eviction']],
      ['nodes', 'Node', false, []],
    ]);
    assert.deepEqual(resources[0]?.shortNames, ['po']);
  });
});

describe('isAggregatedContentType', () => {
  const cases: [string | undefined, boolean][] = [
    ['application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', true],
    ['application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList', true],
    ['application/json', false],
    [undefined, false],
  ];
  for (const [value, want] of cases) {
    it(`${String(value)} → ${String(want)}`, () => {
      assert.equal(isAggregatedContentType(value), want);
    });
  }
});
