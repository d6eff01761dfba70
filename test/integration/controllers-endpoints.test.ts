// The endpoints and endpointslice controllers against our API server. No kubelet exists here, so
// the test plays it: pod status (IP, Ready) is written through the status subresource, as the
// syncer does from the host.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Endpoints, Pod } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { resources, type KubeClient } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { startControlPlane, type ControlPlane } from './controllers-harness.js';

let cp: ControlPlane;
let admin: KubeClient;
before(async () => {
  cp = await startControlPlane();
  admin = cp.admin;
});
after(async () => {
  await cp.close();
});

interface PodSpec {
  labels?: Record<string, string>;
  node?: string;
  hostname?: string;
  subdomain?: string;
}

async function createPod(ns: string, name: string, spec: PodSpec = {}): Promise<void> {
  await admin.create(resources.pods, {
    metadata: { name, namespace: ns, labels: spec.labels ?? { app: 'web' } },
    spec: {
      containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }],
      ...(spec.node ? { nodeName: spec.node } : {}),
      ...(spec.hostname ? { hostname: spec.hostname } : {}),
      ...(spec.subdomain ? { subdomain: spec.subdomain } : {}),
    },
  });
}

/** What a kubelet would report: running with an IP, Ready or not. */
async function setStatus(ns: string, name: string, ip: string, ready: boolean): Promise<void> {
  await admin.patch(
    resources.pods,
    name,
    { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } },
    { type: 'merge', namespace: ns, subresource: 'status' },
  );
}

const endpointsOf = (ns: string, name: string): Promise<Endpoints | undefined> => admin.get(resources.endpoints, name, { namespace: ns });
const slicesOf = async (ns: string, service: string): Promise<EndpointSlice[]> => (await admin.list(resources.endpointSlices, { namespace: ns, labelSelector: `kubernetes.io/service-name=${service}` })).items;
const readyIps = (ep: Endpoints | undefined): string[] => (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
const notReadyIps = (ep: Endpoints | undefined): string[] => (ep?.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)).sort();
const sliceState = (slices: EndpointSlice[]): Record<string, string> =>
  Object.fromEntries(slices.flatMap((s) => s.endpoints).map((e) => [e.targetRef?.name ?? '', `${e.addresses.join(',')} ready=${e.conditions?.ready} serving=${e.conditions?.serving} terminating=${e.conditions?.terminating}`]));

describe('endpoints and endpointslices', () => {
  it('list the ready pods of a service, and the others as not ready, following pod status', async () => {
    const ns = 'ep-web';
    await admin.create(resources.namespaces, { metadata: { name: ns } });
    await cp.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns, labels: { team: 'a' } },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9100 }] },
    }));
    await createPod(ns, 'web-1', { node: 'node-1' });
    await createPod(ns, 'web-2');
    await createPod(ns, 'web-3');
    await createPod(ns, 'other', { labels: { app: 'other' } });
    await setStatus(ns, 'web-1', '10.1.0.1', true);
    await setStatus(ns, 'web-2', '10.1.0.2', false);
    await setStatus(ns, 'other', '10.1.0.9', true);

    await waitFor(async () => {
      const ep = await endpointsOf(ns, 'web');
      return readyIps(ep).join() === '10.1.0.1' && notReadyIps(ep).join() === '10.1.0.2';
    }, { what: 'endpoints with web-1 ready and web-2 not ready' });
    const ep = await endpointsOf(ns, 'web');
    assert.deepEqual(ep?.metadata?.labels, { team: 'a' });
    assert.deepEqual(ep.subsets, [
      {
        addresses: [{ ip: '10.1.0.1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: ns, name: 'web-1', uid: (await admin.get(resources.pods, 'web-1', { namespace: ns }))?.metadata?.uid ?? '' } }],
        notReadyAddresses: [{ ip: '10.1.0.2', targetRef: { kind: 'Pod', namespace: ns, name: 'web-2', uid: (await admin.get(resources.pods, 'web-2', { namespace: ns }))?.metadata?.uid ?? '' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }],
      },
    ]);

    await waitFor(async () => Object.keys(sliceState(await slicesOf(ns, 'web'))).length === 2, { what: 'a slice with both pods' });
    const [slice, ...more] = await slicesOf(ns, 'web');
    assert.equal(more.length, 0);
    assert.ok(slice);
    const service = await admin.get(resources.services, 'web', { namespace: ns });
    assert.equal(slice.addressType, 'IPv4');
    assert.equal(slice.metadata?.generateName, 'web-');
    assert.match(slice.metadata.name ?? '', /^web-[a-z0-9]{5}$/);
    assert.deepEqual(slice.metadata.labels, { team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: service?.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }]);
    assert.deepEqual(sliceState([slice]), { 'web-1': '10.1.0.1 ready=true serving=true terminating=false', 'web-2': '10.1.0.2 ready=false serving=false terminating=false' });
    assert.equal(slice.endpoints.find((e) => e.targetRef?.name === 'web-1')?.nodeName, 'node-1');

    // What a user sees.
    assert.match(await cp.kubectlOk(['get', 'endpoints', 'web', '-n', ns]), /10\.1\.0\.1:8080/);
    const slicesTable = await cp.kubectlOk(['get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=web']);
    assert.match(slicesTable, /IPv4\s+8080,9100\s+10\.1\.0\.1,10\.1\.0\.2/);

    // web-2 becomes ready, web-3 gets an IP.
    await setStatus(ns, 'web-2', '10.1.0.2', true);
    await setStatus(ns, 'web-3', '10.1.0.3', true);
    await waitFor(async () => readyIps(await endpointsOf(ns, 'web')).join() === '10.1.0.1,10.1.0.2,10.1.0.3', { what: 'three ready addresses' });
    await waitFor(async () => Object.values(sliceState(await slicesOf(ns, 'web'))).filter((s) => s.includes('ready=true')).length === 3, { what: 'three ready slice endpoints' });

    // A terminating pod leaves the Endpoints but stays in the slice, marked terminating.
    const deleting = await cp.kubectl(['delete', 'pod', 'web-1', '-n', ns, '--wait=false']);
    assert.equal(deleting.code, 0, deleting.stderr);
    await waitFor(async () => readyIps(await endpointsOf(ns, 'web')).join() === '10.1.0.2,10.1.0.3', { what: 'web-1 out of the endpoints' });
    await waitFor(async () => sliceState(await slicesOf(ns, 'web'))['web-1'] === '10.1.0.1 ready=false serving=true terminating=true', { what: 'web-1 terminating in the slice' });

    // A pod whose labels no longer match leaves both.
    await admin.patch(resources.pods, 'web-3', { metadata: { labels: { app: 'moved' } } }, { type: 'merge', namespace: ns });
    await waitFor(async () => readyIps(await endpointsOf(ns, 'web')).join() === '10.1.0.2', { what: 'web-3 out of the endpoints' });
    await waitFor(async () => sliceState(await slicesOf(ns, 'web'))['web-3'] === undefined, { what: 'web-3 out of the slice' });

    // The service goes: its Endpoints with it, its slices by garbage collection.
    await cp.kubectlOk(['delete', 'service', 'web', '-n', ns]);
    await waitFor(async () => (await endpointsOf(ns, 'web')) === undefined && (await slicesOf(ns, 'web')).length === 0, { what: 'endpoints and slices to go with the service' });
  });

  it('handles headless services, hostnames and publishNotReadyAddresses', async () => {
    const ns = 'ep-headless';
    await admin.create(resources.namespaces, { metadata: { name: ns } });
    await admin.create(resources.services, { metadata: { name: 'db', namespace: ns }, spec: { clusterIP: 'None', selector: { app: 'db' }, publishNotReadyAddresses: true } });
    await createPod(ns, 'db-0', { labels: { app: 'db' }, hostname: 'db-0', subdomain: 'db' });
    await setStatus(ns, 'db-0', '10.2.0.1', false);
    await waitFor(async () => readyIps(await endpointsOf(ns, 'db')).join() === '10.2.0.1', { what: 'a not-ready pod published as ready' });
    const ep = await endpointsOf(ns, 'db');
    assert.equal(ep?.subsets?.[0]?.addresses?.[0]?.hostname, 'db-0');
    assert.equal(ep.subsets[0].ports, undefined);
    assert.deepEqual(ep.metadata?.labels, { 'service.kubernetes.io/headless': '' });
    await waitFor(async () => (await slicesOf(ns, 'db')).some((s) => s.endpoints.length === 1), { what: 'the headless slice' });
    const [slice] = await slicesOf(ns, 'db');
    assert.equal(slice?.metadata?.labels?.['service.kubernetes.io/headless'], '');
    assert.deepEqual(slice.ports, []);
    assert.equal(slice.endpoints[0]?.hostname, 'db-0');
    assert.deepEqual(slice.endpoints[0].conditions, { ready: true, serving: false, terminating: false });
  });

  it('leaves services without a selector, and the API server’s own endpoints, alone', async () => {
    const ns = 'ep-manual';
    await admin.create(resources.namespaces, { metadata: { name: ns } });
    await admin.create(resources.services, { metadata: { name: 'external', namespace: ns }, spec: { ports: [{ port: 443 }] } });
    const manual = await admin.create(resources.endpoints, { metadata: { name: 'external', namespace: ns }, subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 443 }] }] });
    // A service with a selector in the same namespace is served meanwhile: the controllers are at work.
    await admin.create(resources.services, { metadata: { name: 'probe', namespace: ns }, spec: { selector: { app: 'probe' }, ports: [{ port: 80 }] } });
    await waitFor(async () => (await endpointsOf(ns, 'probe')) !== undefined && (await slicesOf(ns, 'probe')).length === 1, { what: 'the probe service to be served' });
    await admin.patch(resources.services, 'external', { metadata: { labels: { touched: 'yes' } } }, { type: 'merge', namespace: ns });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await endpointsOf(ns, 'external'))?.metadata?.resourceVersion, manual.metadata?.resourceVersion);
    assert.deepEqual(await slicesOf(ns, 'external'), []);
    const probeSlices = await slicesOf(ns, 'probe');
    assert.deepEqual(probeSlices[0]?.endpoints ?? [], [], 'a service without pods has one empty placeholder slice');

    const kubernetes = await endpointsOf('default', 'kubernetes');
    assert.equal(kubernetes?.subsets?.[0]?.addresses?.[0]?.ip, '127.0.0.1');
    assert.equal((await slicesOf('default', 'kubernetes')).length, 1);
  });

  it('splits many endpoints over slices of at most 100', async () => {
    const ns = 'ep-big';
    await admin.create(resources.namespaces, { metadata: { name: ns } });
    await admin.create(resources.services, { metadata: { name: 'big', namespace: ns }, spec: { selector: { app: 'big' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    const count = 130;
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        await createPod(ns, `big-${i}`, { labels: { app: 'big' } });
        await setStatus(ns, `big-${i}`, `10.3.${Math.floor(i / 250)}.${(i % 250) + 1}`, true);
      }),
    );
    await waitFor(async () => readyIps(await endpointsOf(ns, 'big')).length === count, { what: `${count} ready addresses` });
    await waitFor(async () => (await slicesOf(ns, 'big')).reduce((n, s) => n + s.endpoints.length, 0) === count, { what: `${count} slice endpoints` });
    const slices = await slicesOf(ns, 'big');
    assert.ok(slices.every((s) => s.endpoints.length <= 100));
    assert.equal(slices.length, 2);
    const names = slices.flatMap((s) => s.endpoints.map((e) => e.targetRef?.name));
    assert.equal(new Set(names).size, count, 'no pod in two slices');
    const pods: Pod[] = (await admin.list(resources.pods, { namespace: ns })).items;
    assert.equal(pods.length, count);
  });
});
