/** Captures the request body of each kubectl case, with its `--dry-run=client -o json` output. */
import { startCaptureServer } from './capture-server.js';
import { expandArgs, prepareCaseFiles } from './kubectl-cases.js';
import type { KubectlCase } from './kubectl-cases.js';
import { kubectlSandbox } from './kubectl.js';

export interface CapturedCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly method: string;
  readonly url: string;
  readonly contentType: string;
  /** The request body, base64. */
  readonly body: string;
  /** kubectl's own JSON for the object, when it has a client dry-run. */
  readonly dryRun?: Record<string, unknown>;
}

export async function captureCases(cases: readonly KubectlCase[]): Promise<CapturedCase[]> {
  const server = await startCaptureServer();
  const sandbox = await kubectlSandbox(server.url);
  try {
    await prepareCaseFiles(sandbox.dir);
    const out: CapturedCase[] = [];
    for (const c of cases) {
      const args = expandArgs(c.args, sandbox.dir);
      const before = server.writes.length;
      const result = await sandbox.run(args);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
      const writes = server.writes.slice(before);
      const [write] = writes;
      if (write === undefined || writes.length !== 1) {
        throw new Error(`kubectl ${args.join(' ')} made ${writes.length} writes, expected 1`);
      }
      let dryRun: Record<string, unknown> | undefined;
      if (c.dryRun) {
        const dry = await sandbox.run(withFlags(args, ['--dry-run=client', '-o', 'json']));
        if (dry.code !== 0) {
          throw new Error(`kubectl ${args.join(' ')} --dry-run failed: ${dry.stderr}`);
        }
        dryRun = JSON.parse(dry.stdout) as Record<string, unknown>;
      }
      out.push({
        name: c.name,
        args: c.args,
        method: write.method,
        url: write.url,
        contentType: write.contentType,
        body: write.body.toString('base64'),
        ...(dryRun === undefined ? {} : { dryRun }),
      });
    }
    return out;
  } finally {
    await sandbox.dispose();
    await server.close();
  }
}

/** `args` with `flags` added before any `--` (after which all is the container's command). */
function withFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = args.indexOf('--');
  return end === -1 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}
