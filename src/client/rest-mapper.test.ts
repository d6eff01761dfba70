import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiResourceInfo, DiscoveryDocument } from './discovery.js';
import type { RawRequest, RawResponse } from './kube-client.js';
import { findByKind, findByName, findPreferredByKind, NoMatchError, RestMapper } from './rest-mapper.js';
import { FakeClock } from './testing/fake-clock.js';

function res(group: string, version: string, resource: string, kind: string, extra: Partial<ApiResourceInfo> = {}): ApiResourceInfo {
  return { group, version, resource, kind, namespaced: true, singular: kind.toLowerCase(), shortNames: [], categories: [], verbs: ['get'], subresources: [], ...extra };
}

const doc: DiscoveryDocument = {
  groups: [
    { name: '', versions: ['v1'] },
    { name: 'apps', versions: ['v1'] },
    { name: 'events.k8s.io', versions: ['v1'] },
    { name: 'autoscaling', versions: ['v2', 'v1'] },
  ],
  resources: [
    res('', 'v1', 'pods', 'Pod', { shortNames: ['po'] }),
    res('', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
    res('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'] }),
    res('events.k8s.io', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
    res('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'] }),
    res('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'] }),
  ],
};

describe('findByName', () => {
  const cases: [string, string | undefined][] = [
    ['pods', 'v1/pods'],
    ['pod', 'v1/pods'],
    ['po', 'v1/pods'],
    ['Pod', 'v1/pods'],
    ['deploy', 'apps/v1/deployments'],
    ['deployments.apps', 'apps/v1/deployments'],
    ['deployments.v1.apps', 'apps/v1/deployments'],
    ['events', 'v1/events'],
    ['events.events.k8s.io', 'events.k8s.io/v1/events'],
    ['hpa', 'autoscaling/v2/horizontalpodautoscalers'],
    ['hpa.v1.autoscaling', 'autoscaling/v1/horizontalpodautoscalers'],
    ['widgets', undefined],
    ['deployments.batch', undefined],
  ];
  for (const [name, want] of cases) {
    it(`${name} → ${String(want)}`, () => {
      const r = findByName(doc, name);
      assert.equal(r && [r.group, r.version, r.resource].filter((x) => x !== '').join('/'), want);
    });
  }
});

describe('findByKind', () => {
  it('matches the exact group version', () => {
    assert.equal(findByKind(doc, 'autoscaling/v1', 'HorizontalPodAutoscaler')?.version, 'v1');
    assert.equal(findByKind(doc, 'v1', 'Pod')?.resource, 'pods');
    assert.equal(findByKind(doc, 'apps/v2', 'Deployment'), undefined);
  });
  it('prefers the preferred version without one', () => {
    assert.equal(findPreferredByKind(doc, 'autoscaling', 'HorizontalPodAutoscaler')?.version, 'v2');
  });
});

/** Serves discovery documents from a table, counting requests. */
function fakeServer(documents: Map<string, { contentType: string; body: unknown }>): { requester: { request(req: RawRequest): Promise<RawResponse> }; paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    requester: {
      request(req: RawRequest): Promise<RawResponse> {
        const path = typeof req.path === 'string' ? req.path : '';
        paths.push(path);
        const doc = documents.get(path);
        if (!doc) return Promise.reject(new Error(`unexpected ${path}`));
        const text = JSON.stringify(doc.body);
        return Promise.resolve({
          status: 200,
          headers: { 'content-type': doc.contentType },
          body: (async function* () {
            yield await Promise.resolve(Buffer.from(text));
          })(),
          cancel: () => undefined,
          buffer: () => Promise.resolve(Buffer.from(text)),
          text: () => Promise.resolve(text),
          json: <T>() => Promise.resolve(doc.body as T),
        });
      },
    },
  };
}

const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

describe('RestMapper', () => {
  it('uses aggregated discovery when offered and caches it', async () => {
    const documents = new Map([
      ['/api', { contentType: AGG, body: { kind: 'APIGroupDiscoveryList', items: [{ metadata: {}, versions: [{ version: 'v1', resources: [{ resource: 'pods', responseKind: { kind: 'Pod' }, scope: 'Namespaced' }] }] }] } }],
      ['/apis', { contentType: AGG, body: { kind: 'APIGroupDiscoveryList', items: [] } }],
    ]);
    const server = fakeServer(documents);
    const mapper = new RestMapper(server.requester, { clock: new FakeClock() });
    assert.deepEqual(await mapper.refFor('v1', 'Pod'), { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' });
    await mapper.refForName('pods');
    assert.deepEqual(server.paths.sort(), ['/api', '/apis']);
  });

  it('falls back to legacy discovery', async () => {
    const documents = new Map<string, { contentType: string; body: unknown }>([
      ['/api', { contentType: 'application/json', body: { kind: 'APIVersions', versions: ['v1'] } }],
      ['/apis', { contentType: 'application/json', body: { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ version: 'v1' }], preferredVersion: { version: 'v1' } }] } }],
      ['/api/v1', { contentType: 'application/json', body: { kind: 'APIResourceList', resources: [{ name: 'nodes', kind: 'Node', namespaced: false, verbs: [] }] } }],
      ['/apis/apps/v1', { contentType: 'application/json', body: { kind: 'APIResourceList', resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true, verbs: [] }] } }],
    ]);
    const mapper = new RestMapper(fakeServer(documents).requester, { clock: new FakeClock() });
    assert.deepEqual(await mapper.refFor('apps/v1', 'Deployment'), { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true, kind: 'Deployment' });
    assert.equal((await mapper.refForName('nodes')).namespaced, false);
  });

  it('refetches on a miss, at most once per interval, then reports NoMatchError', async () => {
    const clock = new FakeClock();
    const empty = { contentType: AGG, body: { kind: 'APIGroupDiscoveryList', items: [] } };
    const documents = new Map<string, { contentType: string; body: unknown }>([['/api', empty], ['/apis', empty]]);
    const server = fakeServer(documents);
    const mapper = new RestMapper(server.requester, { clock, minRefreshIntervalMs: 1000 });
    await assert.rejects(mapper.refFor('example.com/v1', 'Widget'), NoMatchError);
    assert.equal(server.paths.length, 2, 'a document fetched just now is not fetched again');
    await clock.advance(1000);
    await assert.rejects(mapper.refFor('example.com/v1', 'Widget'), NoMatchError);
    assert.equal(server.paths.length, 4, 'a miss refreshes an older document');
    await assert.rejects(mapper.refFor('example.com/v1', 'Widget'), NoMatchError);
    assert.equal(server.paths.length, 4, 'no refresh within the interval');
    documents.set('/apis', {
      contentType: AGG,
      body: { kind: 'APIGroupDiscoveryList', items: [{ metadata: { name: 'example.com' }, versions: [{ version: 'v1', resources: [{ resource: 'widgets', responseKind: { kind: 'Widget' }, scope: 'Cluster' }] }] }] },
    });
    await clock.advance(1000);
    assert.equal((await mapper.refFor('example.com/v1', 'Widget')).resource, 'widgets');
  });
});
