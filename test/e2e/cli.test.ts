// The command line as a new user meets it: the built `vcluster` binary and the real kubectl, from
// an empty $VCLUSTER_HOME and $KUBECONFIG. Both suites run the compiled program (dist/), which
// `npm test` builds first; they share one file so nothing rebuilds dist/ under a running cluster.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../support/wait.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'vcluster.js');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A user's shell: its own $VCLUSTER_HOME, $KUBECONFIG and kubectl cache. */
class Shell {
  readonly dir = mkdtempSync(join(tmpdir(), 'vcluster-cli-e2e-'));
  readonly env: NodeJS.ProcessEnv = {
    ...process.env,
    VCLUSTER_HOME: join(this.dir, 'home'),
    KUBECONFIG: join(this.dir, 'kubeconfig'),
    NO_COLOR: '1',
  };

  vcluster(args: readonly string[]): Promise<Result> {
    return run(process.execPath, [BIN, ...args], this.env);
  }

  async vclusterOk(args: readonly string[]): Promise<string> {
    const r = await this.vcluster(args);
    assert.equal(r.code, 0, `vcluster ${args.join(' ')} failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  }

  kubectl(args: readonly string[], input?: string): Promise<Result> {
    return run('kubectl', ['--cache-dir', join(this.dir, 'kube-cache'), ...args], this.env, input !== undefined ? { input } : {});
  }

  async kubectlOk(args: readonly string[], input?: string): Promise<string> {
    const r = await this.kubectl(args, input);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
    return r.stdout;
  }

  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const podNames = (out: string): string[] => out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).sort();

describe('vcluster CLI, as a new user', () => {
  const sh = new Shell();
  let hostKubeconfig = '';
  let kubeconfigA = '';
  let kubeconfigB = '';
  const host = (args: readonly string[]): Promise<string> => sh.kubectlOk(['--kubeconfig', hostKubeconfig, ...args]);
  // The Deployment's pods; each virtual cluster's CoreDNS pod runs there too.
  const web = (names: string[]): string[] => names.filter((n) => n.startsWith('web-'));
  const hostPods = async (namespace: string): Promise<string[]> => web(podNames(await host(['get', 'pods', '-n', namespace, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'])));
  const runningHostPods = async (namespace: string): Promise<string[]> =>
    web(podNames(await host(['get', 'pods', '-n', namespace, '--field-selector', 'status.phase=Running', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'])));

  after(async () => {
    // Whatever happened above, leave no process behind.
    for (const name of ['a', 'b']) await sh.vcluster(['delete', name]);
    await sh.vcluster(['host', 'stop']);
    sh.cleanup();
  });

  it('vcluster host start runs the embedded host in the background', async () => {
    await sh.vclusterOk(['host', 'start']);
    assert.match(await sh.vclusterOk(['host', 'status']), /^running \(pid \d+\)/);
    hostKubeconfig = (await sh.vclusterOk(['host', 'kubeconfig', '--path'])).trim();
    const nodes = await host(['get', 'nodes', '--no-headers']);
    assert.equal(nodes.trim().split('\n').filter((l) => / Ready /.test(l)).length, 3, nodes);
  });

  it('creates a from a values.yaml (seed 000 format) and b from a vcluster.yaml (seed 002 format)', async () => {
    const valuesA = sh.file('values-a.yaml', 'sync:\n  configmaps:\n    all: false\n  pods:\n    ephemeralContainers: true\n');
    const vclusterB = sh.file(
      'vcluster-b.yaml',
      'sync:\n  toHost:\n    pods:\n      enabled: true\n      translateImage:\n        "nginx:1.25": "registry.example.com/mirror/nginx:1.25"\n    secrets:\n      all: true\n',
    );
    const createA = await sh.vcluster(['create', 'a', '-f', valuesA]);
    assert.equal(createA.code, 0, createA.stderr);
    assert.match(createA.stderr, /virtual cluster a is running in namespace vcluster-a/);
    // Connected: the current context is a's, named as upstream names it.
    assert.match(await sh.kubectlOk(['config', 'current-context']), /^vcluster_a_vcluster-a_/);
    await sh.vclusterOk(['create', 'b', '-f', vclusterB, '--connect=false']);
    assert.match(await sh.kubectlOk(['config', 'current-context']), /^vcluster_a_vcluster-a_/);

    const again = await sh.vcluster(['create', 'a', '-f', valuesA]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--upgrade/);

    kubeconfigA = sh.file('a.kubeconfig', await sh.vclusterOk(['connect', 'a', '--print']));
    kubeconfigB = sh.file('b.kubeconfig', await sh.vclusterOk(['connect', 'b', '--print']));
  });

  it('refuses an invalid config, naming the key, and starts nothing', async () => {
    const bad = sh.file('bad.yaml', 'sync:\n  toHost:\n    pods:\n      enabledd: true\n');
    const r = await sh.vcluster(['create', 'c', '-f', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /sync\.toHost\.pods\.enabledd/);
    assert.doesNotMatch(await sh.vclusterOk(['list']), /^c /m);
  });

  it('lists both', async () => {
    const rows = JSON.parse(await sh.vclusterOk(['list', '--output', 'json'])) as { name: string; namespace: string; status: string; connected: boolean; host: string }[];
    assert.deepEqual(
      rows.map((r) => [r.name, r.namespace, r.status, r.connected, r.host]).sort(),
      [
        ['a', 'vcluster-a', 'Running', true, 'embedded'],
        ['b', 'vcluster-b', 'Running', false, 'embedded'],
      ],
    );
    const table = await sh.vclusterOk(['list']);
    assert.match(table, /^NAME\s+NAMESPACE\s+STATUS\s+AGE\s+CONNECTED\s+HOST$/m);
    assert.match(table, /^a\s+vcluster-a\s+Running\s+\S+\s+True\s+embedded$/m);
  });

  it('kubectl works against each; their host objects are apart, named per spec', async () => {
    for (const kc of [kubeconfigA, kubeconfigB]) {
      await sh.kubectlOk(['--kubeconfig', kc, 'create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2']);
      await sh.kubectlOk(['--kubeconfig', kc, 'create', 'configmap', 'settings', '--from-literal=colour=blue']);
    }
    await sh.kubectlOk(['--kubeconfig', kubeconfigA, 'rollout', 'status', 'deployment/web', '--timeout=120s']);
    await sh.kubectlOk(['--kubeconfig', kubeconfigB, 'rollout', 'status', 'deployment/web', '--timeout=120s']);
    for (const [name, namespace] of [['a', 'vcluster-a'], ['b', 'vcluster-b']] as const) {
      const pods = await runningHostPods(namespace);
      assert.equal(pods.length, 2, `${namespace}: ${pods.join(' ')}`);
      for (const p of pods) assert.match(p, new RegExp(`^web-[a-z0-9]+-[a-z0-9]{5}-x-default-x-${name}$`));
    }
    const webImages = async (namespace: string): Promise<string[]> =>
      (await host(['get', 'pods', '-n', namespace, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.containers[0].image}{"\\n"}{end}']))
        .split('\n')
        .filter((l) => l.startsWith('web-'))
        .map((l) => l.split(' ')[1] ?? '');
    assert.deepEqual(await webImages('vcluster-b'), ['registry.example.com/mirror/nginx:1.25', 'registry.example.com/mirror/nginx:1.25']);
    assert.deepEqual(await webImages('vcluster-a'), ['nginx:1.25', 'nginx:1.25']);
    // The virtual side sees Running pods with IPs from the host.
    const ips = await sh.kubectlOk(['--kubeconfig', kubeconfigA, 'get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}']);
    assert.equal(ips.trim().split('\n').filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)).length, 2, ips);
    // An unused ConfigMap is not synced with a's config.
    assert.equal((await sh.kubectl(['--kubeconfig', hostKubeconfig, 'get', 'configmap', 'settings-x-default-x-a', '-n', 'vcluster-a'])).code, 1);
  });

  it('create a --upgrade -f another file changes what is synced, keeping every virtual object', async () => {
    const allConfigMaps = sh.file('values-a2.yaml', 'sync:\n  configmaps:\n    all: true\n');
    await sh.vclusterOk(['create', 'a', '--upgrade', '-f', allConfigMaps]);
    await waitFor(async () => (await sh.kubectl(['--kubeconfig', hostKubeconfig, 'get', 'configmap', 'settings-x-default-x-a', '-n', 'vcluster-a'])).code === 0, {
      timeoutMs: 60_000,
      what: 'the unused ConfigMap synced after the upgrade',
    });
    const data = await host(['get', 'configmap', 'settings-x-default-x-a', '-n', 'vcluster-a', '-o', 'jsonpath={.data.colour}']);
    assert.equal(data, 'blue');
    assert.match(await sh.kubectlOk(['--kubeconfig', kubeconfigA, 'get', 'deployment', 'web', '-o', 'name']), /deployment.apps\/web/);
  });

  it('pause a removes its host pods, resume a restores them; b is untouched', async () => {
    const podsB = await hostPods('vcluster-b');
    await sh.vclusterOk(['pause', 'a']);
    assert.deepEqual(await hostPods('vcluster-a'), []);
    assert.match(await sh.vclusterOk(['list']), /^a\s+vcluster-a\s+Paused/m);
    await sh.vclusterOk(['resume', 'a']);
    await waitFor(async () => (await runningHostPods('vcluster-a')).length === 2, { timeoutMs: 120_000, what: "a's pods running on the host again" });
    assert.deepEqual(await hostPods('vcluster-b'), podsB);
    assert.match(await sh.vclusterOk(['list']), /^a\s+vcluster-a\s+Running/m);
  });

  it('delete a leaves nothing of a on the host while b is untouched', async () => {
    const podsB = await hostPods('vcluster-b');
    await sh.vclusterOk(['delete', 'a']);
    await waitFor(async () => (await sh.kubectl(['--kubeconfig', hostKubeconfig, 'get', 'namespace', 'vcluster-a'])).code !== 0, { timeoutMs: 120_000, what: 'namespace vcluster-a gone' });
    const leftovers = await host(['get', 'pods,services,configmaps,secrets', '-A', '-l', 'vcluster.loft.sh/managed-by=a', '-o', 'name']);
    assert.equal(leftovers.trim(), '');
    assert.deepEqual(await hostPods('vcluster-b'), podsB);
    assert.equal((await runningHostPods('vcluster-b')).length, 2);
    const rows = JSON.parse(await sh.vclusterOk(['list', '--output', 'json'])) as { name: string }[];
    assert.deepEqual(rows.map((r) => r.name), ['b']);
    assert.doesNotMatch(await sh.kubectlOk(['config', 'get-contexts', '-o', 'name']), /vcluster_a_/);
    // Idempotent.
    await sh.vclusterOk(['delete', 'a']);
  });

  it('vcluster rbac prints the namespaced Role the config needs', async () => {
    const out = await sh.vclusterOk(['rbac', 'b', '-f', sh.file('vcluster-b.yaml', 'sync:\n  toHost:\n    secrets:\n      all: true\n')]);
    assert.match(out, /kind: Role\n/);
    assert.match(out, /namespace: vcluster-b/);
    assert.doesNotMatch(out, /kind: ClusterRole\n/);
  });

  it('host stop ends the host', async () => {
    await sh.vclusterOk(['delete', 'b']);
    const stop = await sh.vcluster(['host', 'stop']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stderr + stop.stdout, /embedded host stopped/);
    assert.equal((await sh.vclusterOk(['host', 'status'])).trim(), 'not running');
  });
});

/** Resolves with how the process ended. */
function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise) => child.once('exit', (code, signal) => { resolvePromise({ code, signal }); }));
}

async function interrupt(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  assert.ok(child.pid);
  const ended = exited(child);
  // Ctrl-C in a terminal signals the whole foreground process group.
  process.kill(-child.pid, 'SIGINT');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => { reject(new Error('npm start did not exit within 60 s of SIGINT')); }, 60_000).unref());
  return Promise.race([ended, timeout]);
}

/** Output of a running process, collected, with a way to wait for a pattern in it. */
function watchOutput(child: ChildProcess): { text: () => string; waitFor: (re: RegExp, timeoutMs: number) => Promise<RegExpMatchArray> } {
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return {
    text: () => text,
    waitFor: async (re, timeoutMs) => {
      const found: { match: RegExpMatchArray | null } = { match: null };
      await waitFor(() => (found.match = re.exec(text)) !== null || child.exitCode !== null || child.signalCode !== null, { timeoutMs, intervalMs: 100, what: `${re} in the output` });
      if (!found.match) throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before printing ${re}:\n${text}`);
      return found.match;
    },
  };
}

describe('npm start, as the README says', () => {
  const sh = new Shell();
  let child: ChildProcess | undefined;

  before(() => {
    // npm start builds first; npm test has just built, so it is quick and writes the same files.
    child = spawn('npm', ['start'], { cwd: ROOT, env: sh.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  });
  after(() => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    sh.cleanup();
  });

  it('prints both kubeconfigs, runs a Deployment, and stops cleanly on Ctrl-C; a second run reuses the data', async () => {
    assert.ok(child?.pid);
    const out = watchOutput(child);
    const virtualKubeconfig = (await out.waitFor(/virtual cluster kubeconfig:\s+(\S+)/, 300_000))[1] ?? '';
    const hostKubeconfig = (await out.waitFor(/host cluster kubeconfig:\s+(\S+)/, 1_000))[1] ?? '';
    await out.waitFor(/Press Ctrl-C to stop/, 1_000);
    await sh.kubectlOk(['--kubeconfig', virtualKubeconfig, 'create', 'deployment', 'hello', '--image=nginx', '--replicas=2']);
    await sh.kubectlOk(['--kubeconfig', virtualKubeconfig, 'rollout', 'status', 'deployment/hello', '--timeout=120s']);
    const phases = await sh.kubectlOk(['--kubeconfig', virtualKubeconfig, 'get', 'pods', '-l', 'app=hello', '-o', 'jsonpath={.items[*].status.phase}']);
    assert.deepEqual(phases.split(' '), ['Running', 'Running']);
    const onHost = await sh.kubectlOk(['--kubeconfig', hostKubeconfig, 'get', 'pods', '-n', 'vcluster-demo', '-o', 'name']);
    assert.equal(onHost.trim().split('\n').filter((l) => /^pod\/hello-.*-x-default-x-demo$/.test(l)).length, 2, onHost);

    assert.deepEqual(await interrupt(child), { code: 0, signal: null }, out.text());
    assert.match(out.text(), /stopping…\n.*stopped\s*$/s);

    // Running it again reuses the data: the Deployment is still there.
    child = spawn('npm', ['start'], { cwd: ROOT, env: sh.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const again = watchOutput(child);
    const kubeconfig2 = (await again.waitFor(/virtual cluster kubeconfig:\s+(\S+)/, 300_000))[1] ?? '';
    assert.equal(kubeconfig2, virtualKubeconfig);
    assert.match(await sh.kubectlOk(['--kubeconfig', kubeconfig2, 'get', 'deployment', 'hello', '-o', 'name']), /deployment.apps\/hello/);
    assert.deepEqual(await interrupt(child), { code: 0, signal: null }, again.text());
  });
});
