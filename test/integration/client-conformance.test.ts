// Our client against our API server over every transport: HTTP/2 with a client certificate,
// kubeconfig loading (certificate over HTTP/2, bearer token over HTTP/1.1) and the in-process
// transport. Each flavour runs the same cases, so the in-process transport is shown to behave as HTTP.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isConflict, isNotFound, StatusError } from '../../src/api/status.js';
import {
  clientFromKubeconfig,
  createClient,
  inProcessClient,
  isNoMatch,
  resourceRef,
  resources,
  RestMapper,
  TransportError,
  type KubeClient,
  type ObjectLike,
  type WatchEvent,
} from '../../src/client/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { waitFor } from '../support/wait.js';

let api: TestApiServer;
/** The same handler behind plain HTTP/1.1 (no TLS), as a server behind a TLS-terminating proxy. */
let plain: Server;
let plainUrl: string;
before(async () => {
  api = await startTestApiServer({ storage: 'sqlite' });
  plain = createServer(api.handler);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
after(async () => {
  plain.closeAllConnections();
  await new Promise<void>((resolve) => {
    plain.close(() => {
      resolve();
    });
  });
  await api.stop();
});

const admin = { name: 'kubernetes-admin', groups: ['system:masters'] };
const flavours: Record<string, () => Promise<KubeClient>> = {
  'HTTP/2, client certificate': () =>
    Promise.resolve(createClient({ server: api.url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem })),
  'kubeconfig, client certificate (HTTP/2)': () => clientFromKubeconfig(api.kubeconfigPath),
  'kubeconfig, bearer token (HTTP/1.1)': () => clientFromKubeconfig(api.tokenKubeconfigPath, { http2: false }),
  'plain HTTP/1.1 (http://), bearer token': () => Promise.resolve(createClient({ server: plainUrl, token: api.adminToken })),
  'in-process': () => Promise.resolve(inProcessClient(api.handler, { user: admin })),
};

/** Collects watch events (as `TYPE name`) until aborted. */
function collect<T extends ObjectLike>(stream: AsyncIterable<WatchEvent<T>>): { events: WatchEvent<T>[]; lines: string[]; done: Promise<unknown> } {
  const events: WatchEvent<T>[] = [];
  const lines: string[] = [];
  const done = (async () => {
    for await (const event of stream) {
      events.push(event);
      lines.push(event.type === 'ERROR' ? `ERROR ${event.error.code}` : `${event.type} ${event.object.metadata?.name ?? ''}`);
    }
  })().catch((e: unknown) => e);
  return { events, lines, done };
}

let flavourIndex = 0;
for (const [flavour, connect] of Object.entries(flavours)) {
  const ns = `client-${flavourIndex++}`;
  describe(flavour, () => {
    let client: KubeClient;
    before(async () => {
      client = await connect();
      await client.create(resources.namespaces, { metadata: { name: ns } });
    });
    after(async () => {
      await client.close();
    });

    it('creates, reads, updates with optimistic concurrency and deletes', async () => {
      const created = await client.create(resources.configMaps, { metadata: { name: 'crud', namespace: ns, labels: { app: 'crud' } }, data: { a: '1' } });
      assert.equal(created.metadata?.namespace, ns);
      assert.ok(created.metadata.uid);
      const got = await client.get(resources.configMaps, 'crud', { namespace: ns });
      assert.deepEqual(got?.data, { a: '1' });
      assert.equal(await client.get(resources.configMaps, 'missing', { namespace: ns }), undefined);

      const updated = await client.update(resources.configMaps, { ...created, data: { a: '2' } });
      assert.deepEqual(updated.data, { a: '2' });
      await assert.rejects(client.update(resources.configMaps, { ...created, data: { a: 'stale' } }), (e) => isConflict(e));
      await assert.rejects(client.update(resources.configMaps, { metadata: { name: 'missing', namespace: ns }, data: {} }), (e) => isNotFound(e));

      assert.equal(await client.delete(resources.configMaps, 'crud', { namespace: ns }), undefined);
      assert.equal(await client.get(resources.configMaps, 'crud', { namespace: ns }), undefined);
      assert.equal(await client.delete(resources.configMaps, 'crud', { namespace: ns }), undefined, 'deleting what is gone is not an error');
    });

    it('returns the object from delete while finalizers hold it, honouring preconditions', async () => {
      const held = await client.create(resources.configMaps, { metadata: { name: 'held', namespace: ns, finalizers: ['example.com/hold'] } });
      await assert.rejects(client.delete(resources.configMaps, 'held', { namespace: ns, preconditions: { uid: 'not-the-uid' } }), (e) => isConflict(e));
      const deleting = await client.delete(resources.configMaps, 'held', { namespace: ns, preconditions: { uid: held.metadata?.uid ?? '' } });
      assert.ok(deleting?.metadata?.deletionTimestamp, 'the object is returned with its deletion timestamp');
      await client.patch(resources.configMaps, 'held', [{ op: 'remove', path: '/metadata/finalizers' }], { type: 'json', namespace: ns });
      assert.equal(await client.get(resources.configMaps, 'held', { namespace: ns }), undefined);
    });

    it('updates the status subresource separately from the spec', async () => {
      const deployment = await client.create(resources.deployments, {
        metadata: { name: 'web', namespace: ns },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
      });
      const withStatus = await client.updateStatus(resources.deployments, { ...deployment, spec: { ...deployment.spec, replicas: 9 } as typeof deployment.spec, status: { replicas: 2, observedGeneration: 1 } });
      assert.equal(withStatus.status?.replicas, 2);
      assert.equal(withStatus.spec?.replicas, 2, 'a status update leaves the spec alone');
      const scale = await client.getSubresource<{ spec?: { replicas?: number } }>(resources.deployments, 'web', 'scale', { namespace: ns });
      assert.equal(scale.spec?.replicas, 2);
    });

    it('lists with selectors and pages through everything', async () => {
      for (let i = 0; i < 5; i++) await client.create(resources.configMaps, { metadata: { name: `page-${i}`, namespace: ns, labels: { page: 'yes', parity: String(i % 2) } } });
      const odd = await client.list(resources.configMaps, { namespace: ns, labelSelector: 'page=yes,parity=1' });
      assert.deepEqual(odd.items.map((c) => c.metadata?.name).sort(), ['page-1', 'page-3']);
      assert.ok(odd.items.every((c) => c.kind === 'ConfigMap' && c.apiVersion === 'v1'), 'items carry apiVersion and kind');
      const first = await client.list(resources.configMaps, { namespace: ns, labelSelector: 'page=yes', limit: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.metadata.continue);
      const all = await client.listAll(resources.configMaps, { namespace: ns, labelSelector: 'page=yes', pageSize: 2 });
      assert.deepEqual(all.items.map((c) => c.metadata?.name).sort(), ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
      assert.ok(all.metadata.resourceVersion);
      const byField = await client.list(resources.configMaps, { namespace: ns, fieldSelector: 'metadata.name=page-2' });
      assert.deepEqual(byField.items.map((c) => c.metadata?.name), ['page-2']);
      await client.deleteCollection(resources.configMaps, { namespace: ns, labelSelector: 'page=yes' });
      assert.equal((await client.list(resources.configMaps, { namespace: ns, labelSelector: 'page=yes' })).items.length, 0);
    });

    it('patches with JSON, merge and strategic merge', async () => {
      await client.create(resources.configMaps, { metadata: { name: 'patched', namespace: ns }, data: { a: '1' } });
      await client.patch(resources.configMaps, 'patched', [{ op: 'add', path: '/data/b', value: '2' }], { type: 'json', namespace: ns });
      await client.patch(resources.configMaps, 'patched', { data: { a: null, c: '3' } }, { type: 'merge', namespace: ns });
      const strategic = await client.patch(resources.configMaps, 'patched', { metadata: { labels: { s: 'yes' } } }, { type: 'strategic', namespace: ns });
      assert.deepEqual(strategic.data, { b: '2', c: '3' });
      assert.equal(strategic.metadata?.labels?.s, 'yes');
      await assert.rejects(client.patch(resources.configMaps, 'patched', [{ op: 'test', path: '/data/b', value: 'not-2' }], { type: 'json', namespace: ns }), (e) => e instanceof StatusError && e.code === 422);
    });

    it('applies server-side with a field manager, forcing conflicts when asked', async () => {
      const desired = (owner: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: ns }, data: { owner } });
      const applied = await client.apply(resources.configMaps, desired('first'), { fieldManager: 'first' });
      assert.deepEqual(applied.data, { owner: 'first' });
      await assert.rejects(client.apply(resources.configMaps, desired('second'), { fieldManager: 'second' }), (e) => isConflict(e));
      const forced = await client.apply(resources.configMaps, desired('second'), { fieldManager: 'second', force: true });
      assert.deepEqual(forced.data, { owner: 'second' });
    });

    it('watches changes from a resourceVersion until aborted', async () => {
      const list = await client.list(resources.configMaps, { namespace: ns });
      const abort = new AbortController();
      const watch = collect(client.watch(resources.configMaps, { namespace: ns, resourceVersion: list.metadata.resourceVersion, signal: abort.signal }));
      await client.create(resources.configMaps, { metadata: { name: 'watched', namespace: ns }, data: { v: '1' } });
      await client.patch(resources.configMaps, 'watched', { data: { v: '2' } }, { type: 'merge', namespace: ns });
      await client.delete(resources.configMaps, 'watched', { namespace: ns });
      await waitFor(() => watch.lines.length >= 3, { what: 'three watch events' });
      abort.abort();
      assert.ok((await watch.done) instanceof Error, 'aborting ends the iteration with the abort reason');
      assert.deepEqual(watch.lines, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
      const modified = watch.events[1];
      assert.ok(modified?.type === 'MODIFIED');
      assert.deepEqual(modified.object.data, { v: '2' });
    });

    it('sends bookmarks when asked and initial events on request', async () => {
      await client.create(resources.configMaps, { metadata: { name: 'initial', namespace: ns } });
      const abort = new AbortController();
      const watch = collect(client.watch(resources.configMaps, { namespace: ns, allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', signal: abort.signal }));
      await waitFor(() => watch.events.some((e) => e.type === 'BOOKMARK' && e.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true'), { what: 'the initial-events-end bookmark' });
      assert.ok(watch.lines.includes('ADDED initial'));
      // Progress elsewhere in the store reaches an idle watch as a bookmark with a newer resourceVersion.
      const bookmarks = (): number[] => watch.events.filter((e) => e.type === 'BOOKMARK').map((e) => Number(e.object.metadata?.resourceVersion));
      const initialEnd = Math.max(...bookmarks());
      const elsewhere = await client.create(resources.configMaps, { metadata: { generateName: 'elsewhere-', namespace: 'default' } });
      await waitFor(() => bookmarks().some((rv) => rv >= Number(elsewhere.metadata?.resourceVersion)), { what: 'a progress bookmark' });
      assert.ok(Math.max(...bookmarks()) > initialEnd);
      assert.ok(!watch.lines.some((l) => l.includes('elsewhere')), 'the other namespace is not in this watch');
      abort.abort();
      await watch.done;
    });

    it('reports a watch from a compacted resourceVersion as 410', async () => {
      const old = (await client.list(resources.configMaps, { namespace: ns })).metadata.resourceVersion;
      await client.create(resources.configMaps, { metadata: { name: `compact-${Date.now()}`, namespace: ns } });
      await api.storage.compact(await api.storage.currentRevision());
      const watch = collect(client.watch(resources.configMaps, { namespace: ns, resourceVersion: old }));
      const ended = await watch.done;
      const code = ended instanceof StatusError ? ended.code : watch.events.find((e) => e.type === 'ERROR')?.error.code;
      assert.equal(code, 410, `got ${watch.lines.join(', ')} ${String(ended)}`);
    });

    it('serves subresources and raw requests; errors carry the server Status', async () => {
      const version = await client.requestJson<{ major: string }>({ method: 'GET', path: '/version' });
      assert.equal(version.major, '1');
      await client.create(resources.serviceAccounts, { metadata: { name: 'robot', namespace: ns } });
      const token = await client.createSubresource<{ status?: { token?: string } }>(resources.serviceAccounts, 'robot', 'token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } }, { namespace: ns });
      assert.ok(token.status?.token);
      // The token is a bearer credential the server accepts, as the service account.
      const robot = createClient({ server: api.url, caPem: api.caPem, token: token.status.token });
      try {
        const review = await robot.create(resourceRef({ group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews', namespaced: false }), { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
        assert.equal((review.status as { userInfo?: { username?: string } } | undefined)?.userInfo?.username, `system:serviceaccount:${ns}:robot`);
      } finally {
        await robot.close();
      }
      await client.create(resources.pods, { metadata: { name: 'unscheduled', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      await assert.rejects(
        client.request({ method: 'GET', path: { ref: resources.pods, namespace: ns, name: 'unscheduled', subresource: 'log' }, accept: 'application/json, */*' }),
        (e) => e instanceof StatusError && e.code === 400 && /waiting to start/.test(e.message),
      );
    });

    it('maps kinds and names to resources through discovery, and sees new CRDs', async () => {
      const mapper = new RestMapper(client, { minRefreshIntervalMs: 0 });
      assert.deepEqual(await mapper.refFor('apps/v1', 'Deployment'), { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true, kind: 'Deployment' });
      assert.equal((await mapper.refForName('cm')).resource, 'configmaps');
      assert.equal((await mapper.refForName('leases.coordination.k8s.io')).kind, 'Lease');
      await assert.rejects(mapper.refFor('example.com/v1', 'Gizmo'), (e) => isNoMatch(e));

      const plural = `gizmos${flavourIndex}${ns.replace(/\D/g, '')}`;
      const crds = resourceRef({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false });
      await client.create(crds, {
        metadata: { name: `${plural}.example.com` },
        spec: {
          group: 'example.com',
          names: { plural, singular: plural.slice(0, -1), kind: `Gizmo${ns.replace(/\D/g, '')}`, listKind: `Gizmo${ns.replace(/\D/g, '')}List` },
          scope: 'Namespaced',
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
        },
      });
      let ref: Awaited<ReturnType<RestMapper['refFor']>> | undefined;
      await waitFor(async () => {
        ref = await mapper.refFor('example.com/v1', `Gizmo${ns.replace(/\D/g, '')}`).catch(() => undefined);
        return ref !== undefined;
      }, { what: 'the new kind in discovery' });
      assert.equal(ref?.resource, plural);
      assert.ok(ref);
      const gizmos = resourceRef({ ...ref });
      const kind = ref.kind;
      await waitFor(async () => client.create(gizmos, { apiVersion: 'example.com/v1', kind, metadata: { name: 'g', namespace: ns }, size: 3 }).then(() => true, () => false), { what: 'the CRD to serve' });
      const listed = await client.list(gizmos, { namespace: ns });
      assert.equal(listed.items[0]?.size, 3);
    });

    it('names the field manager after the User-Agent unless fieldManager is given', async () => {
      const managers = (o: ObjectLike): string[] => (o.metadata?.managedFields ?? []).map((e) => `${e.manager ?? ''} ${e.operation ?? ''}`).sort();
      const kubelet = client.withUserAgent('kubelet/v1.32.0 (linux/amd64) kubernetes/70d3cc9');
      const created = await kubelet.create(resources.configMaps, { metadata: { name: 'managers', namespace: ns }, data: { a: '1' } });
      assert.deepEqual(managers(created), ['kubelet Update']);
      const patched = await client
        .withUserAgent('vcluster/0.1.0')
        .patch(resources.configMaps, 'managers', { data: { b: '2' } }, { type: 'merge', namespace: ns });
      assert.deepEqual(managers(patched), ['kubelet Update', 'vcluster Update']);
      const named = await kubelet.patch(resources.configMaps, 'managers', { data: { c: '3' } }, { type: 'merge', namespace: ns, fieldManager: 'my-tool' });
      assert.deepEqual(managers(named), ['kubelet Update', 'my-tool Update', 'vcluster Update'], 'fieldManager wins over the User-Agent');
      const anonymous = await client.withUserAgent('').patch(resources.configMaps, 'managers', { data: { d: '4' } }, { type: 'merge', namespace: ns });
      assert.ok(managers(anonymous).includes('unknown Update'), 'no User-Agent: "unknown"');
      await client.delete(resources.configMaps, 'managers', { namespace: ns });
    });

    it('aborts a request whose timeout passes', async () => {
      await assert.rejects(
        client.request({ method: 'GET', path: { ref: resources.configMaps, namespace: ns }, query: { watch: true }, timeoutMs: 200 }).then((r) => r.text()),
        (e) => e instanceof TransportError && e.code === 'Timeout',
      );
    });
  });
}

describe('failures', () => {
  it('answers 401 without credentials', async () => {
    const anonymous = createClient({ server: api.url, caPem: api.caPem });
    try {
      await assert.rejects(anonymous.list(resources.namespaces), (e) => e instanceof StatusError && e.code === 401);
    } finally {
      await anonymous.close();
    }
  });

  it('reports an unreachable server as a TransportError', async () => {
    for (const http2 of [true, false]) {
      const nowhere = createClient({ server: 'https://127.0.0.1:1', caPem: api.caPem }, { http2 });
      try {
        await assert.rejects(nowhere.list(resources.namespaces), (e) => e instanceof TransportError && e.notSent);
      } finally {
        await nowhere.close();
      }
    }
  });

  it('rejects a server certificate from another CA', async () => {
    const { createCertificateAuthority } = await import('../../src/lib/pki.js');
    const other = createCertificateAuthority('someone-else');
    const client = createClient({ server: api.url, caPem: other.cert, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem });
    try {
      await assert.rejects(client.list(resources.namespaces), (e) => e instanceof TransportError);
    } finally {
      await client.close();
    }
  });
});
