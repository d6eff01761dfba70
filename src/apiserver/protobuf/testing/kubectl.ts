/** Runs the real kubectl against a local server with a throwaway kubeconfig, HOME and cache. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlSandbox {
  /** A scratch directory for the files commands read (certificates, --from-file inputs). */
  readonly dir: string;
  run(args: readonly string[]): Promise<KubectlResult>;
  dispose(): Promise<void>;
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function kubectlAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('kubectl', ['version', '--client', '-o', 'json'], (err) => {
      resolve(err === null);
    });
  });
}

export async function kubectlSandbox(serverUrl: string): Promise<KubectlSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-protobuf-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: serverUrl } }],
      users: [{ name: 'u', user: { token: 'capture-token' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'default' } }],
      'current-context': 'c',
    }),
  );
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
  return {
    dir,
    run: (args) =>
      new Promise((resolve) => {
        execFile(
          'kubectl',
          ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
          { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
