// A pod's life through the syncer, driven with the real kubectl against the virtual cluster: host
// pod named per spec, status and IPs back, fake node, logs, events, the service-account token in a
// host Secret, deletion both ways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createClient, resources } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { HOST_IP, HOST_NODE, simulatedLog, startPodsCluster, type PodsCluster } from './syncer-pods-harness.js';

const LONG = { timeoutMs: 60_000, intervalMs: 100 };

describe('pods: virtual → host and back', () => {
  let c: PodsCluster;
  before(async () => {
    c = await startPodsCluster();
  });
  after(async () => {
    await c.close();
  });

  const hostPod = (name: string): Promise<Pod | undefined> => c.host.admin.get(resources.pods, name, { namespace: c.hostNamespace });
  const virtualPod = (name: string, namespace = 'default'): Promise<Pod | undefined> => c.virtual.admin.get(resources.pods, name, { namespace });

  it('a pod created with kubectl runs on the host under its translated name', async () => {
    await waitFor(async () => (await c.virtual.admin.get(resources.serviceAccounts, 'default', { namespace: 'default' })) !== undefined, { ...LONG, what: 'the default service account' });
    await c.kubectlOk(['run', 'web', '--image=nginx:1.25', '--labels=app=web', '--env=GREETING=hi']);
    await waitFor(async () => (await hostPod('web-x-default-x-vc')) !== undefined, { ...LONG, what: 'the host pod' });
    const pod = (await hostPod('web-x-default-x-vc'))!;
    assert.equal(pod.metadata?.labels?.app, 'web');
    assert.equal(pod.metadata.labels['vcluster.loft.sh/managed-by'], 'vc');
    assert.equal(pod.metadata.labels['vcluster.loft.sh/namespace'], 'default');
    assert.equal(pod.metadata.annotations?.['vcluster.loft.sh/object-name'], 'web');
    assert.equal(pod.metadata.annotations['vcluster.loft.sh/object-kind'], '/v1, Kind=Pod');
    assert.equal(pod.metadata.ownerReferences?.[0]?.kind, 'Service');
    assert.equal(pod.spec?.serviceAccountName, 'vc-workload-vc');
    assert.equal(pod.spec.automountServiceAccountToken, false);
    const vclusterService = await c.host.admin.get(resources.services, 'vc', { namespace: c.hostNamespace });
    const env = pod.spec.containers[0]?.env ?? [];
    assert.ok(env.some((e) => e.name === 'KUBERNETES_SERVICE_HOST' && e.value === vclusterService?.spec?.clusterIP));
    assert.equal(env.at(-1)?.name, 'GREETING');
    // DNS goes to the host copy of the virtual cluster's kube-dns Service.
    const dns = await c.host.admin.get(resources.services, 'kube-dns-x-kube-system-x-vc', { namespace: c.hostNamespace });
    assert.equal(pod.spec.dnsPolicy, 'None');
    assert.deepEqual(pod.spec.dnsConfig?.nameservers, [dns?.spec?.clusterIP]);
  });

  it('the service-account token is a virtual token in a host Secret owned by the host pod, not in annotations', async () => {
    const pod = (await hostPod('web-x-default-x-vc'))!;
    assert.ok(!Object.keys(pod.metadata?.annotations ?? {}).some((k) => k.startsWith('vcluster.loft.sh/token-')));
    const tokenVolume = pod.spec?.volumes?.find((v) => v.name.startsWith('kube-api-access-'));
    const source = tokenVolume?.projected?.sources?.find((s) => s.secret !== undefined);
    assert.equal(source?.secret?.name, 'web-sa-token-x-default-x-vc');
    await waitFor(async () => {
      const secret = await c.host.admin.get(resources.secrets, 'web-sa-token-x-default-x-vc', { namespace: c.hostNamespace });
      return secret?.metadata?.ownerReferences?.some((o) => o.kind === 'Pod' && o.uid === pod.metadata?.uid) === true;
    }, { ...LONG, what: 'the token Secret owned by the host pod' });
    const secret = (await c.host.admin.get(resources.secrets, 'web-sa-token-x-default-x-vc', { namespace: c.hostNamespace }))!;
    const token = Buffer.from(secret.data?.[tokenVolume!.name] ?? '', 'base64').toString('utf8');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(payload.sub, 'system:serviceaccount:default:default');
    // The token is the virtual cluster's: the virtual API server knows who it is.
    const client = createClient({ server: c.virtual.url, caPem: c.virtual.caPem, token });
    try {
      const review = await client.requestJson<{ status?: { userInfo?: { username?: string } } }>({
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      assert.equal(review.status?.userInfo?.username, 'system:serviceaccount:default:default');
    } finally {
      await client.close();
    }
  });

  it('Running status, pod IP and node come back; kubectl get nodes shows the fake node', async () => {
    await waitFor(async () => (await virtualPod('web'))?.status?.phase === 'Running', { ...LONG, what: 'the virtual pod to run' });
    const pod = (await virtualPod('web'))!;
    assert.match(pod.status?.podIP ?? '', /^10\.244\.0\.\d+$/);
    assert.equal(pod.status?.hostIP, HOST_IP);
    assert.equal(pod.spec?.nodeName, HOST_NODE);
    assert.deepEqual(pod.status.containerStatuses?.map((s) => [s.name, s.ready]), [['web', true]]);
    // The syncer writes under upstream's field manager "vcluster": the host pod, the virtual status.
    const managers = (p: Pod | undefined): string[] => (p?.metadata?.managedFields ?? []).map((e) => `${e.manager ?? ''}${e.subresource ? `/${e.subresource}` : ''}`);
    const host = await hostPod('web-x-default-x-vc');
    assert.ok(managers(host).includes('vcluster'), managers(host).join());
    assert.ok(managers(pod).includes('vcluster/status'), managers(pod).join());
    const nodes = await c.kubectlOk(['get', 'nodes', '-o', 'json']);
    const items = (JSON.parse(nodes) as { items: { metadata: { name: string; labels: Record<string, string> } }[] }).items;
    assert.deepEqual(items.map((n) => n.metadata.name), [HOST_NODE]);
    assert.equal(items[0]?.metadata.labels['vcluster.loft.sh/fake-node'], 'true');
    const wide = await c.kubectlOk(['get', 'pod', 'web', '-o', 'wide']);
    assert.match(wide, /Running/);
  });

  it('kubectl logs reads the host pod log', async () => {
    const out = await c.kubectlOk(['logs', 'web']);
    assert.equal(out, simulatedLog('web-x-default-x-vc', 'web'));
    const tail = await c.kubectlOk(['logs', 'web', '--tail=1']);
    assert.match(tail, /line/);
  });

  it('host events for the pod show up in kubectl describe pod', async () => {
    await waitFor(async () => (await c.kubectl(['describe', 'pod', 'web'])).stdout.includes('Started container by the simulated kubelet'), { ...LONG, what: 'the host event in describe' });
  });

  it('deleting the pod in the virtual cluster deletes the host pod', async () => {
    await c.kubectlOk(['delete', 'pod', 'web', '--wait=false']);
    await waitFor(async () => (await hostPod('web-x-default-x-vc')) === undefined, { ...LONG, what: 'the host pod to go' });
    await waitFor(async () => (await virtualPod('web')) === undefined, { ...LONG, what: 'the virtual pod to go' });
  });

  it('a fake node exists while a pod runs on it, and goes with the last pod', async () => {
    const overrides = JSON.stringify({ spec: { nodeSelector: { 'kubernetes.io/hostname': 'host-node-2' } } });
    await c.kubectlOk(['run', 'lonely', '--image=nginx', `--overrides=${overrides}`]);
    await waitFor(async () => (await virtualPod('lonely'))?.spec?.nodeName === 'host-node-2', { ...LONG, what: 'the pod on host-node-2' });
    const node = await c.virtual.admin.get(resources.nodes, 'host-node-2');
    assert.equal(node?.metadata?.labels?.['kubernetes.io/hostname'], 'fake-host-node-2');
    assert.equal(node.status?.nodeInfo?.osImage, 'Fake Kubernetes Image');
    await c.kubectlOk(['delete', 'pod', 'lonely', '--wait=false']);
    await waitFor(async () => (await c.virtual.admin.get(resources.nodes, 'host-node-2')) === undefined, { ...LONG, what: 'the fake node to go' });
    assert.ok((await c.virtual.admin.get(resources.nodes, HOST_NODE)) !== undefined, 'the node of the DNS pod stays');
  });

  it('deleting the host pod of a started pod deletes the virtual pod (spec §3.0, §3.1)', async () => {
    await c.kubectlOk(['run', 'once', '--image=busybox', '--restart=Never', '--', 'sleep', '3600']);
    await waitFor(async () => (await virtualPod('once'))?.status?.phase === 'Running', { ...LONG, what: 'the pod to run' });
    await c.host.admin.delete(resources.pods, 'once-x-default-x-vc', { namespace: c.hostNamespace });
    await waitFor(async () => (await virtualPod('once')) === undefined, { ...LONG, what: 'the virtual pod to be deleted' });
    assert.equal(await hostPod('once-x-default-x-vc'), undefined);
  });
});
