// A node:test reporter that writes one line per test file when it finishes (with its duration and
// failures), and every two minutes lists the files still running, so a hung file is named.
import { relative } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

export default async function* fileProgress(source) {
  const running = new Map();
  const failures = new Map();
  const show = (file) => relative(process.cwd(), file);
  const heartbeat = setInterval(() => {
    const now = Date.now();
    const list = [...running].map(([f, t]) => `${show(f)} (${Math.round((now - t) / 1000)} s)`);
    if (list.length > 0) process.stderr.write(`[tests] still running: ${list.join(', ')}\n`);
  }, 120_000);
  heartbeat.unref();
  for await (const event of source) {
    const { file, name } = event.data ?? {};
    if (!file) continue;
    if (event.type === 'test:dequeue' && name === file) running.set(file, Date.now());
    if (event.type === 'test:fail' && name !== file) failures.set(file, (failures.get(file) ?? 0) + 1);
    if (event.type === 'test:complete' && name === file) {
      const began = running.get(file) ?? Date.now();
      running.delete(file);
      const failed = failures.get(file) ?? 0;
      const secs = ((Date.now() - began) / 1000).toFixed(1);
      yield `[tests] ${failed > 0 ? `FAIL (${failed})` : 'ok'} ${show(file)} ${secs} s\n`;
    }
  }
  clearInterval(heartbeat);
}
