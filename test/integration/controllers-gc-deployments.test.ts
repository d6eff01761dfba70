// Cascading deletion as users meet it: Deployments → ReplicaSets → Pods made by the workload
// controllers, deleted with `kubectl delete --cascade=foreground|orphan|background`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { startControlPlane, type ControlPlane } from './controllers-harness.js';

let cp: ControlPlane;
before(async () => {
  cp = await startControlPlane({ manager: { enabled: ['*'] } });
});
after(async () => {
  await cp.close();
});

const count = async (ns: string): Promise<{ deployments: number; replicaSets: number; pods: number }> => ({
  deployments: (await cp.admin.list(resources.deployments, { namespace: ns })).items.length,
  replicaSets: (await cp.admin.list(resources.replicaSets, { namespace: ns })).items.length,
  pods: (await cp.admin.list(resources.pods, { namespace: ns })).items.length,
});

async function deployment(ns: string, name: string, replicas: number): Promise<void> {
  await cp.kubectlOk(['create', 'namespace', ns]);
  await cp.kubectlOk(['create', 'deployment', name, '-n', ns, '--image=nginx', `--replicas=${replicas}`]);
  await waitFor(async () => (await count(ns)).pods === replicas, { what: `${replicas} pods of ${name}` });
}

describe('cascading deletion of deployments', () => {
  it('foreground: kubectl returns once the pods and the ReplicaSet are gone', async () => {
    await deployment('cascade-fg', 'web', 3);
    const result = await cp.kubectl(['delete', 'deployment', 'web', '-n', 'cascade-fg', '--cascade=foreground', '--timeout=90s']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /deployment.apps "web" deleted/);
    assert.deepEqual(await count('cascade-fg'), { deployments: 0, replicaSets: 0, pods: 0 });
  });

  it('orphan: the ReplicaSet and its pods stay, no longer owned', async () => {
    await deployment('cascade-orphan', 'web', 2);
    const result = await cp.kubectl(['delete', 'deployment', 'web', '-n', 'cascade-orphan', '--cascade=orphan', '--timeout=90s']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await count('cascade-orphan'), { deployments: 0, replicaSets: 1, pods: 2 });
    const [rs] = (await cp.admin.list(resources.replicaSets, { namespace: 'cascade-orphan' })).items;
    assert.deepEqual(rs?.metadata?.ownerReferences ?? [], []);
    // Written by the controllers under kube-controller-manager's name, as managedFields show it.
    assert.ok(rs?.metadata?.managedFields?.some((e) => e.manager === 'kube-controller-manager' && e.subresource === undefined), JSON.stringify(rs?.metadata?.managedFields?.map((e) => e.manager)));
    const pods = (await cp.admin.list(resources.pods, { namespace: 'cascade-orphan' })).items;
    assert.ok(pods.every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs?.metadata?.uid), 'the pods still belong to the ReplicaSet');

    // Deleting the ReplicaSet now takes its pods with it (background, kubectl's default).
    await cp.kubectlOk(['delete', 'replicaset', '--all', '-n', 'cascade-orphan']);
    await waitFor(async () => (await count('cascade-orphan')).pods === 0, { what: 'the pods to be collected' });
  });

  it('background: the deployment goes at once, the rest after it', async () => {
    await deployment('cascade-bg', 'web', 2);
    await cp.kubectlOk(['delete', 'deployment', 'web', '-n', 'cascade-bg', '--cascade=background']);
    await waitFor(async () => {
      const c = await count('cascade-bg');
      return c.deployments === 0 && c.replicaSets === 0 && c.pods === 0;
    }, { what: 'the ReplicaSet and pods to be collected' });
  });
});
