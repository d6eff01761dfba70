import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from '../../src/lib/net.js';

export interface EtcdServer {
  readonly endpoint: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts a real single-member etcd on free loopback ports in a temporary folder. */
export async function startEtcd(options: { progressNotifyInterval?: string } = {}): Promise<EtcdServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vcluster-etcd-'));
  const clientPort = await freeLoopbackPort();
  const peerPort = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name', 'default',
    '--data-dir', join(dataDir, 'data'),
    '--listen-client-urls', endpoint,
    '--advertise-client-urls', endpoint,
    '--listen-peer-urls', peer,
    '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `default=${peer}`,
    '--logger', 'zap',
    '--log-level', 'error',
  ];
  if (options.progressNotifyInterval) {
    args.push('--experimental-watch-progress-notify-interval', options.progressNotifyInterval);
  }
  const child = spawn('etcd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${endpoint}/health`);
      const body = (await res.json()) as { health?: string };
      if (body.health === 'true') return { endpoint, dataDir, stop };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  await stop();
  throw new Error(`etcd did not become healthy: ${stderr}`);
}
