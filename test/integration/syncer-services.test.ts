// Services, Endpoints and EndpointSlices between a virtual cluster and a host, driven with the
// real kubectl on both sides.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { eventually, kubectlFor, startVirtualCluster, type Kubectl, type VirtualCluster } from '../support/virtual.js';
import { waitFor } from '../support/wait.js';

const WAIT = { timeoutMs: 60_000 };
const NS = 'vcluster-svc';

describe('syncer: services', () => {
  let host: TestApiServer;
  let vc: VirtualCluster;
  let vk: Kubectl;
  let hk: Kubectl;
  const hostService = (name: string) => hk.getJson(['service', '-n', NS, `${name}-x-default-x-svc`]);

  before(async () => {
    host = await startTestApiServer();
    vc = await startVirtualCluster({ host, name: 'svc' });
    vk = kubectlFor(vc.virtualKubeconfigPath);
    hk = kubectlFor(vc.hostKubeconfigPath);
  });
  after(async () => {
    await vc.stop();
    await host.stop();
  });

  it('copies a ClusterIP Service with its selector rewritten, and gives it the host cluster IP', async () => {
    await vk.ok(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    const synced = await eventually(() => hostService('web'), { ...WAIT, what: 'the host Service' });
    assert.deepEqual(synced.spec.selector, { app: 'web', 'vcluster.loft.sh/managed-by': 'svc', 'vcluster.loft.sh/namespace': 'default' });
    assert.deepEqual(synced.spec.ports.map((p: any) => [p.port, p.targetPort]), [[80, 8080]]);
    assert.equal(synced.metadata.labels['vcluster.loft.sh/managed-by'], 'svc');
    const hostIp = synced.spec.clusterIP as string;
    await waitFor(async () => (await vk.getJson(['service', 'web']))?.spec.clusterIP === hostIp, { ...WAIT, what: 'the virtual Service to take the host cluster IP' });
    // Re-created with the same name and selector.
    const virtual = await vk.getJson(['service', 'web']);
    assert.deepEqual(virtual?.spec.selector, { app: 'web' });
    const out = await vk.ok(['get', 'service', 'web']);
    assert.match(out, new RegExp(hostIp.replaceAll('.', '\\.')));
  });

  it('re-creates the virtual Service with the host cluster IP when the host cannot give it the same one', async () => {
    // A foreign host Service already holds the IP the virtual Service asks for.
    await hk.ok(['-n', 'default', 'create', 'service', 'clusterip', 'taken', '--tcp=80:80', '--clusterip=10.100.1.1']);
    const created = JSON.parse(await vk.ok(['create', 'service', 'clusterip', 'api', '--tcp=80:80', '--clusterip=10.100.1.1', '-o', 'json']));
    const originalUid = created.metadata.uid;
    assert.equal(created.spec.clusterIP, '10.100.1.1');
    const synced = await eventually(() => hostService('api'), { ...WAIT, what: 'the host Service' });
    assert.notEqual(synced.spec.clusterIP, '10.100.1.1');
    await waitFor(async () => (await vk.getJson(['service', 'api']))?.spec.clusterIP === synced.spec.clusterIP, { ...WAIT, what: 'the virtual Service to take the host IP' });
    const recreated = await eventually(() => vk.getJson(['service', 'api']));
    assert.notEqual(recreated.metadata.uid, originalUid, 'a new virtual Service');
    assert.deepEqual(recreated.spec.selector, { app: 'api' });
    // The host copy was kept and now points at the new virtual object.
    await waitFor(async () => (await hostService('api'))?.metadata.annotations['vcluster.loft.sh/object-uid'] === recreated.metadata.uid, { ...WAIT, what: 'the host copy to follow the new uid' });
    assert.equal((await hostService('api'))?.metadata.uid, synced.metadata.uid, 'the host Service was not replaced');
  });

  it('follows selector and port changes made in the virtual cluster', async () => {
    await vk.ok(['patch', 'service', 'web', '--type=merge', '-p', '{"spec":{"selector":{"app":"web2"},"ports":[{"name":"http","port":81,"targetPort":9090,"protocol":"TCP"}]}}']);
    await waitFor(async () => {
      const synced = await hostService('web');
      return synced?.spec.selector.app === 'web2' && synced.spec.ports[0].port === 81;
    }, { ...WAIT, what: 'the host Service to follow' });
    const synced = await eventually(() => hostService('web'));
    assert.equal(synced.spec.selector['vcluster.loft.sh/managed-by'], 'svc');
  });

  it('copies NodePort, headless and ExternalName Services', async () => {
    await vk.ok(['create', 'service', 'nodeport', 'np', '--tcp=80:80']);
    await vk.ok(['create', 'service', 'clusterip', 'headless', '--clusterip=None', '--tcp=80:80']);
    await vk.ok(['create', 'service', 'externalname', 'ext', '--external-name=example.com']);
    await waitFor(async () => (await hostService('np'))?.spec.type === 'NodePort', { ...WAIT, what: 'the NodePort Service' });
    await waitFor(async () => (await hostService('headless'))?.spec.clusterIP === 'None', { ...WAIT, what: 'the headless Service' });
    await waitFor(async () => (await hostService('ext'))?.spec.externalName === 'example.com', { ...WAIT, what: 'the ExternalName Service' });
    assert.equal((await hostService('ext'))?.spec.type, 'ExternalName');
    const nodePort = await hostService('np');
    assert.ok(nodePort?.spec.ports[0].nodePort >= 30000, 'the host allocates its own node port');
  });

  it('shows the host load-balancer status in the virtual cluster', async () => {
    await vk.ok(['create', 'service', 'loadbalancer', 'lb', '--tcp=443:8443']);
    const synced = await eventually(() => hostService('lb'), { ...WAIT, what: 'the host LoadBalancer Service' });
    const name = synced.metadata.name as string;
    const current = await vc.host.get(resources.services, name, { namespace: NS });
    await vc.host.updateStatus(resources.services, { ...current!, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } });
    await waitFor(async () => (await vk.getJson(['service', 'lb']))?.status?.loadBalancer?.ingress?.[0]?.ip === '203.0.113.7', { ...WAIT, what: 'the load-balancer IP in the virtual cluster' });
    assert.match(await vk.ok(['get', 'service', 'lb']), /203\.0\.113\.7/);
  });

  it('copies Endpoints and EndpointSlices of a Service without selector', async () => {
    await vk.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Service
metadata: {name: external-db, namespace: default}
spec:
  ports: [{name: pg, port: 5432, targetPort: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: external-db, namespace: default}
subsets:
- addresses: [{ip: 192.0.2.10}, {ip: 192.0.2.11}]
  ports: [{name: pg, port: 5432}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: external-db-1
  namespace: default
  labels: {kubernetes.io/service-name: external-db}
addressType: IPv4
endpoints: [{addresses: [192.0.2.10]}]
ports: [{name: pg, port: 5432}]
`);
    const endpoints = await eventually(() => hk.getJson(['endpoints', '-n', NS, 'external-db-x-default-x-svc']), { ...WAIT, what: 'the host Endpoints' });
    assert.deepEqual(endpoints.subsets[0].addresses.map((a: any) => a.ip).sort(), ['192.0.2.10', '192.0.2.11']);
    assert.equal(endpoints.metadata.annotations['vcluster.loft.sh/object-name'], 'external-db');
    const slice = await eventually(() => hk.getJson(['endpointslice', '-n', NS, 'external-db-1-x-default-x-svc']), { ...WAIT, what: 'the host EndpointSlice' });
    assert.equal(slice.metadata.labels['kubernetes.io/service-name'], 'external-db-x-default-x-svc');
    assert.deepEqual(slice.endpoints[0].addresses, ['192.0.2.10']);

    // Endpoint changes flow.
    await vk.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Endpoints
metadata: {name: external-db, namespace: default}
subsets:
- addresses: [{ip: 192.0.2.12}]
  ports: [{name: pg, port: 5432}]
`);
    await waitFor(async () => {
      const now = await hk.getJson(['endpoints', '-n', NS, 'external-db-x-default-x-svc']);
      return now?.subsets?.[0]?.addresses?.length === 1 && now.subsets[0].addresses[0].ip === '192.0.2.12';
    }, { ...WAIT, what: 'the endpoint change on the host' });
  });

  it('leaves Endpoints of a Service with a selector to the host', async () => {
    await vk.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: default}
subsets:
- addresses: [{ip: 192.0.2.20}]
  ports: [{port: 9090}]
`);
    // The selector service's endpoints are never written by the syncer; give it time to misbehave.
    await new Promise((r) => setTimeout(r, 1000));
    const endpoints = await hk.getJson(['endpoints', '-n', NS, 'web-x-default-x-svc']);
    assert.equal(endpoints?.metadata.annotations?.['vcluster.loft.sh/object-name'], undefined);
  });

  it('points default/kubernetes at the vcluster Service of the host', async () => {
    const ip = vc.hostService.spec?.clusterIP;
    await waitFor(async () => (await vk.getJson(['service', 'kubernetes', '-n', 'default']))?.spec.clusterIP === ip, { ...WAIT, what: 'the kubernetes Service IP' });
    const service = await vk.getJson(['service', 'kubernetes', '-n', 'default']);
    assert.deepEqual(service?.spec.ports.map((p: any) => p.name), ['https'], 'the kubelet port is not shown');
    const hostEndpoints = await hk.getJson(['endpoints', '-n', NS, 'svc']);
    const hostIps = hostEndpoints?.subsets[0].addresses.map((a: any) => a.ip);
    await waitFor(async () => {
      const endpoints = await vk.getJson(['endpoints', 'kubernetes', '-n', 'default']);
      return JSON.stringify(endpoints?.subsets?.[0]?.addresses?.map((a: any) => a.ip)) === JSON.stringify(hostIps);
    }, { ...WAIT, what: 'the kubernetes Endpoints' });
    const slice = await eventually(() => vk.getJson(['endpointslice', 'kubernetes', '-n', 'default']));
    assert.deepEqual(slice.endpoints.map((e: any) => e.addresses[0]), hostIps);
  });

  it('deletes the host Service when the virtual one is deleted', async () => {
    await vk.ok(['delete', 'service', 'web', 'external-db']);
    await waitFor(async () => (await hostService('web')) === undefined, { ...WAIT, what: 'the host Service to go' });
    await waitFor(async () => (await hostService('external-db')) === undefined, { ...WAIT, what: 'the selector-less host Service to go' });
    // The virtual endpoints controller removes the Endpoints of a deleted Service; the host copy follows.
    await waitFor(async () => (await vk.getJson(['endpoints', 'external-db'])) === undefined, { ...WAIT, what: 'the virtual Endpoints to go' });
    await waitFor(async () => (await hk.getJson(['endpoints', '-n', NS, 'external-db-x-default-x-svc'])) === undefined, { ...WAIT, what: 'the host Endpoints to go' });
  });
});
