// The real kubectl binary against our API server, on SQLite and on etcd storage.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kubectl, startTestApiServer, type KubectlResult, type StorageKind, type TestApiServer } from '../support/apiserver.js';
import { startEtcd, type EtcdServer } from '../support/etcd.js';
import { waitFor } from '../support/wait.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web, tier: front}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports: [{containerPort: 80}]
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              color: {type: string}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color}
`;

for (const storage of ['sqlite', 'etcd'] as StorageKind[]) {
  describe(`kubectl against the API server on ${storage}`, () => {
    let etcd: EtcdServer | undefined;
    let api: TestApiServer;
    let work: string;
    let n = 0;
    const k = (args: string[], input?: string, env?: Record<string, string>): Promise<KubectlResult> =>
      kubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(work, `cache-${n++}`), ...(input !== undefined ? { input } : {}), ...(env ? { env } : {}) });
    const ok = async (args: string[], input?: string, env?: Record<string, string>): Promise<string> => {
      const r = await k(args, input, env);
      assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    const json = async (args: string[]): Promise<Record<string, any>> => JSON.parse(await ok([...args, '-o', 'json'])) as Record<string, any>;

    before(async () => {
      work = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
      if (storage === 'etcd') etcd = await startEtcd();
      api = await startTestApiServer({ storage, ...(etcd ? { etcdEndpoint: etcd.endpoint } : {}) });
    });
    after(async () => {
      await api.stop();
      await etcd?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    it('lists API resources with short names, scope and kinds', async () => {
      const out = await ok(['api-resources']);
      assert.match(out, /^pods\s+po\s+v1\s+true\s+Pod$/m);
      assert.match(out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      assert.match(out, /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m);
      assert.match(out, /^selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview$/m);
    });

    it('creates with the kubectl generators (protobuf bodies)', async () => {
      assert.equal(await ok(['create', 'namespace', 'team-a']), 'namespace/team-a created\n');
      assert.equal(await ok(['create', 'configmap', 'settings', '--from-literal=mode=fast', '-n', 'team-a']), 'configmap/settings created\n');
      assert.equal(await ok(['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret', '-n', 'team-a']), 'secret/creds created\n');
      assert.equal(await ok(['create', 'deployment', 'api', '--image=nginx:1.25', '--replicas=2', '-n', 'team-a']), 'deployment.apps/api created\n');
      assert.equal(await ok(['create', 'serviceaccount', 'robot', '-n', 'team-a']), 'serviceaccount/robot created\n');
      assert.equal(await ok(['create', 'job', 'once', '--image=busybox', '-n', 'team-a']), 'job.batch/once created\n');
      const secret = await json(['get', 'secret', 'creds', '-n', 'team-a']);
      assert.equal(Buffer.from(String(secret.data.password), 'base64').toString(), 's3cret');
      assert.equal(secret.type, 'Opaque');
      const deploy = await json(['get', 'deployment', 'api', '-n', 'team-a']);
      assert.equal(deploy.spec.replicas, 2);
      assert.equal(deploy.spec.strategy.type, 'RollingUpdate', 'defaults were applied');
      assert.equal(deploy.metadata.generation, 1);
    });

    it('gets as tables, YAML, JSON, with selectors and across namespaces', async () => {
      await ok(['create', '-f', '-'], POD);
      const table = await ok(['get', 'pods']);
      assert.match(table, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
      assert.match(table, /^web\s+0\/1\s+Pending\s+0\s+\d+s$/m);
      const yaml = await ok(['get', 'pod', 'web', '-o', 'yaml']);
      assert.match(yaml, /^kind: Pod$/m);
      assert.match(yaml, /resourceVersion: "\d+"/);
      const obj = await json(['get', 'pod', 'web']);
      assert.equal(obj.spec.containers[0].image, 'nginx:1.25');
      assert.equal(obj.spec.restartPolicy, 'Always');
      assert.match(await ok(['get', 'pods', '-l', 'app=web', '-o', 'name']), /^pod\/web$/m);
      assert.equal(await ok(['get', 'pods', '-l', 'app=api', '-o', 'name']), '');
      assert.match(await ok(['get', 'pods', '--field-selector', 'metadata.name=web', '-o', 'name']), /^pod\/web$/m);
      assert.match(await ok(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name']), /^pod\/web$/m);
      const all = await ok(['get', 'configmaps', '-A']);
      assert.match(all, /^NAMESPACE\s+NAME\s+DATA\s+AGE$/m);
      assert.match(all, /^team-a\s+settings\s+1\s+/m);
      const bad = await k(['get', 'pods', '--field-selector', 'spec.bogus=1']);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /field label not supported: spec\.bogus/);
    });

    it('watches with get -w', async () => {
      const child = spawn('kubectl', ['--kubeconfig', api.kubeconfigPath, '--cache-dir', join(work, 'watch-cache'), 'get', 'configmaps', '-w', '-n', 'team-a'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await waitFor(() => out.includes('settings'));
        await ok(['create', 'configmap', 'watched', '--from-literal=a=1', '-n', 'team-a']);
        await ok(['patch', 'configmap', 'watched', '-n', 'team-a', '-p', '{"data":{"b":"2"}}']);
        await ok(['delete', 'configmap', 'watched', '-n', 'team-a']);
        await waitFor(() => (out.match(/^watched\s/gm) ?? []).length >= 3);
        assert.match(out, /^watched\s+1\s+/m);
        assert.match(out, /^watched\s+2\s+/m);
      } finally {
        child.kill();
      }
    });

    it('applies client-side: create, update, unchanged; diff shows changes', async () => {
      const manifest = POD.replace('name: web', 'name: applied');
      assert.equal(await ok(['apply', '-f', '-'], manifest), 'pod/applied created\n');
      assert.equal(await ok(['apply', '-f', '-'], manifest), 'pod/applied unchanged\n');
      const changed = manifest.replace('nginx:1.25', 'nginx:1.26');
      const diff = await k(['diff', '-f', '-'], changed);
      assert.equal(diff.code, 1, `kubectl diff exits 1 when there are differences: ${diff.stderr}`);
      assert.match(diff.stdout, /^-\s+- image: nginx:1\.25$/m);
      assert.match(diff.stdout, /^\+\s+- image: nginx:1\.26$/m);
      assert.equal(await ok(['apply', '-f', '-'], changed), 'pod/applied configured\n');
      const pod = await json(['get', 'pod', 'applied']);
      assert.equal(pod.spec.containers[0].image, 'nginx:1.26');
      assert.ok(pod.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
      const same = await k(['diff', '-f', '-'], changed);
      assert.equal(same.code, 0, same.stderr);
    });

    it('applies server-side, with field ownership and conflicts', async () => {
      const cm = (value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  key: ${value}\n`;
      assert.equal(await ok(['apply', '--server-side', '-f', '-'], cm('one')), 'configmap/ssa serverside-applied\n');
      const obj = await json(['get', 'configmap', 'ssa', '--show-managed-fields']);
      assert.equal(obj.metadata.managedFields[0].manager, 'kubectl');
      assert.equal(obj.metadata.managedFields[0].operation, 'Apply');
      const conflict = await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], cm('two'));
      assert.notEqual(conflict.code, 0);
      assert.match(conflict.stderr, /conflict/i);
      assert.match(conflict.stderr, /\.data\.key/);
      await ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'], cm('two'));
      assert.equal((await json(['get', 'configmap', 'ssa'])).data.key, 'two');
    });

    it('patches with strategic merge, merge and JSON patches', async () => {
      await ok(['patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}']);
      await ok(['patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"merge"}}}']);
      await ok(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]']);
      const pod = await json(['get', 'pod', 'web']);
      assert.equal(pod.spec.containers.length, 1);
      assert.equal(pod.spec.containers[0].image, 'nginx:1.27');
      assert.equal(pod.metadata.labels.patched, 'merge');
      assert.equal(pod.metadata.labels.json, 'yes');
      const failed = await k(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"test","path":"/metadata/name","value":"other"}]']);
      assert.notEqual(failed.code, 0);
    });

    it('edits through KUBE_EDITOR, labels, annotates and scales', async () => {
      const editor = join(work, 'editor.sh');
      writeFileSync(editor, `#!/bin/sh\nsed -i 's/mode: fast/mode: slow/' "$1"\n`);
      chmodSync(editor, 0o755);
      assert.equal(await ok(['edit', 'configmap', 'settings', '-n', 'team-a'], undefined, { KUBE_EDITOR: editor }), 'configmap/settings edited\n');
      assert.equal((await json(['get', 'configmap', 'settings', '-n', 'team-a'])).data.mode, 'slow');
      assert.equal(await ok(['label', 'pod', 'web', 'env=prod']), 'pod/web labeled\n');
      assert.equal(await ok(['annotate', 'pod', 'web', 'owner=team-a']), 'pod/web annotated\n');
      const pod = await json(['get', 'pod', 'web']);
      assert.equal(pod.metadata.labels.env, 'prod');
      assert.equal(pod.metadata.annotations.owner, 'team-a');
      assert.equal(await ok(['scale', 'deployment', 'api', '--replicas=5', '-n', 'team-a']), 'deployment.apps/api scaled\n');
      const deploy = await json(['get', 'deployment', 'api', '-n', 'team-a']);
      assert.equal(deploy.spec.replicas, 5);
      assert.equal(deploy.metadata.generation, 2);
    });

    it('explains fields and answers auth can-i', async () => {
      const explain = await ok(['explain', 'pod.spec.containers']);
      assert.match(explain, /^KIND:\s+Pod$/m);
      assert.match(explain, /FIELD: containers <\[\]Container>/);
      assert.match(explain, /name\s+<string> -required-/);
      assert.equal(await ok(['auth', 'can-i', 'create', 'deployments']), 'yes\n');
      assert.match(await ok(['auth', 'whoami']), /kubernetes-admin/);
    });

    it('runs a custom resource through its lifecycle with printer columns', async () => {
      assert.match(await ok(['apply', '-f', '-'], CRD), /customresourcedefinition\.apiextensions\.k8s\.io\/widgets\.example\.com created/);
      await waitFor(async () => (await k(['get', 'widgets'])).code === 0);
      assert.match(await ok(['get', 'crd']), /^widgets\.example\.com\s+\d{4}-\d\d-\d\dT/m);
      await ok(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: gear}\nspec: {size: 3, color: red}\n');
      const table = await ok(['get', 'widgets']);
      assert.match(table, /^NAME\s+SIZE\s+COLOR$/m);
      assert.match(table, /^gear\s+3\s+red$/m);
      assert.match(await ok(['get', 'wd', 'gear', '-o', 'jsonpath={.spec.color}']), /^red$/);
      const unknown = await k(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: bad}\nspec: {size: 1, shape: round}\n');
      assert.notEqual(unknown.code, 0, 'unknown fields are refused under strict validation');
      assert.match(unknown.stderr, /unknown field "spec\.shape"/);
      await ok(['delete', 'crd', 'widgets.example.com']);
      await waitFor(async () => (await k(['get', 'widgets'])).code !== 0);
      const storageLeft = await api.storage.list('/registry/example.com/');
      assert.equal(storageLeft.items.length, 0, 'deleting the CRD deleted its objects');
    });

    it('does nothing on --dry-run=server', async () => {
      assert.equal(await ok(['create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server']), 'configmap/dry created (server dry run)\n');
      const missing = await k(['get', 'configmap', 'dry']);
      assert.match(missing.stderr, /NotFound/);
    });

    it('deletes: graceful pods with --wait, and --all', async () => {
      await ok(['apply', '-f', '-'], POD.replace('name: web', 'name: graceful').replace('containers:', 'nodeName: node-1\n  terminationGracePeriodSeconds: 30\n  containers:'));
      const deletion = k(['delete', 'pod', 'graceful', '--wait=true']);
      // No kubelet runs here: act as one, finishing the graceful deletion once it has started.
      await waitFor(async () => {
        const pod = await k(['get', 'pod', 'graceful', '-o', 'jsonpath={.metadata.deletionTimestamp}']);
        return pod.stdout !== '';
      });
      assert.match(await ok(['get', 'pod', 'graceful']), /Terminating/);
      await ok(['delete', 'pod', 'graceful', '--grace-period=0', '--force']);
      const result = await deletion;
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'pod "graceful" deleted\n');
      for (const name of ['a', 'b', 'c']) await ok(['create', 'configmap', `bulk-${name}`, '-n', 'team-a']);
      const all = await ok(['delete', 'configmaps', '--all', '-n', 'team-a']);
      assert.match(all, /configmap "bulk-a" deleted/);
      assert.match(await ok(['get', 'configmaps', '-n', 'team-a', '-o', 'name']), /^$/);
    });
  });
}
