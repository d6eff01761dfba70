// Counts of API requests a server has answered, from its /metrics (apiserver_request_total).
import type { KubeClient } from '../../src/client/index.js';

export type RequestCounts = ReadonlyMap<string, number>;

const SAMPLE = /^apiserver_request_total\{([^}]*)\} (\S+)$/;

/** Requests by "verb resource[/subresource]", over groups; failed ones apart, with their code. */
export async function requestCounts(client: KubeClient): Promise<RequestCounts> {
  const text = await (await client.request({ method: 'GET', path: '/metrics', accept: 'text/plain' })).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels = new Map([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1] ?? '', l[2] ?? '']));
    const sub = labels.get('subresource') ?? '';
    const code = labels.get('code') ?? '';
    const key = `${labels.get('verb') ?? ''} ${labels.get('resource') ?? ''}${sub === '' ? '' : `/${sub}`}${code.startsWith('2') ? '' : ` (${code})`}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(m[2]));
  }
  return counts;
}

/** "12.0 create pods, 3.0 update pods/status, …": requests between two readings, per unit of work. */
export function perUnit(before: RequestCounts, after: RequestCounts, units: number, min = 0.05): string {
  const rows: [string, number][] = [];
  for (const [key, n] of after) {
    const d = (n - (before.get(key) ?? 0)) / units;
    if (d >= min && !key.startsWith('WATCH') && !key.startsWith('LIST') && !key.includes('leases')) rows.push([key, d]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, d]) => s + d, 0);
  return `${total.toFixed(1)}: ${rows.map(([k, d]) => `${d.toFixed(1)} ${k}`).join(', ')}`;
}
