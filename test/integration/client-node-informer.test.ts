// @kubernetes/client-node (1.x) informers against our API server: list+watch, resuming after a
// server-side watch timeout, relisting after 410 Gone, and every change seen exactly once.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { CoreV1Api, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions, type V1ConfigMap } from '@kubernetes/client-node';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { waitFor } from '../support/wait.js';

let api: TestApiServer;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
before(async () => {
  // Short server-side watch timeouts force the informer to reconnect during the test.
  api = await startTestApiServer({ storage: 'sqlite', minRequestTimeoutSeconds: 1 });
});
after(async () => {
  await api.stop();
});

it('sees every change exactly once across watch timeouts and a 410 relist', async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(api.kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  let lists = 0;
  const informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => {
    lists++;
    return core.listNamespacedConfigMap({ namespace: 'default' });
  });
  const seen: string[] = [];
  const record = (type: string) => (cm: V1ConfigMap): void => {
    seen.push(`${type} ${cm.metadata?.name ?? ''} ${JSON.stringify(cm.data ?? {})}`);
  };
  informer.on('add', record('add'));
  informer.on('update', record('update'));
  informer.on('delete', record('delete'));
  const errors: unknown[] = [];
  informer.on('error', (e) => {
    errors.push(e);
    // client-node stops on errors other than 410; a real controller restarts it.
    setTimeout(() => void informer.start(), 200);
  });
  await informer.start();

  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'one' }, data: { v: '1' } } });
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'two' }, data: { v: '1' } } });
  await waitFor(() => seen.length >= 2);

  // Outlive several server-side watch timeouts (1-2 s each), then change things.
  await new Promise((r) => setTimeout(r, 4500));
  await core.patchNamespacedConfigMap({ namespace: 'default', name: 'one', body: { data: { v: '2' } } }, mergePatch);
  await waitFor(() => seen.length >= 3);

  // Compact past the informer's resourceVersion (a write elsewhere moves the store on): its next
  // watch, after the current one times out, gets 410 Gone and it relists.
  await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'bump' } } });
  await api.storage.compact(await api.storage.currentRevision());
  await waitFor(() => lists >= 2, { what: 'a relist after 410 Gone' });
  await core.patchNamespacedConfigMap({ namespace: 'default', name: 'one', body: { data: { v: '3' } } }, mergePatch);
  await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'two' });
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'three' }, data: { v: '3' } } });
  await waitFor(() => seen.length >= 6);
  await new Promise((r) => setTimeout(r, 3000));
  await informer.stop();

  assert.deepEqual(seen, [
    'add one {"v":"1"}',
    'add two {"v":"1"}',
    'update one {"v":"2"}',
    'update one {"v":"3"}',
    'delete two {"v":"1"}',
    'add three {"v":"3"}',
  ]);
  assert.deepEqual(informer.list('default').map((c) => c.metadata?.name).sort(), ['one', 'three']);
});
