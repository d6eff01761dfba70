/** Cell formatting helpers shared by several kinds. */
import { compareStrings, objects, str } from './json.js';

/** Container names and images joined with commas (`layoutContainerCells`). */
export function containerCells(containers: unknown): [names: string, images: string] {
  const list = objects(containers);
  return [list.map((c) => str(c['name'])).join(','), list.map((c) => str(c['image'])).join(',')];
}

/** `listWithMoreString`: the first items, `+ N more...`, `<unset>` when there is nothing. */
export function listWithMore(items: string[], total: number, max: number): string {
  const shown = items.slice(0, max).join(',');
  if (total > max) return `${shown} + ${total - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** `net.JoinHostPort`. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `printBoolPtr`. */
export function boolPtr(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

/** Load balancer ingress points: IPs, else hostnames, de-duplicated and sorted (`sets.String`). */
export function loadBalancerIngress(ingress: unknown): string {
  const set = new Set<string>();
  for (const entry of objects(ingress)) {
    const ip = str(entry['ip']);
    const hostname = str(entry['hostname']);
    if (ip !== '') set.add(ip);
    else if (hostname !== '') set.add(hostname);
  }
  // kube-apiserver prints with Wide set, so the list is never clipped.
  return [...set].sort(compareStrings).join(',');
}

/** `strings.ToLower(GroupKind.String())/name`, or just the name when group and kind are empty. */
export function groupKindName(group: string, kind: string, name: string): string {
  if (group === '' && kind === '') return name;
  const gk = group === '' ? kind : `${kind}.${group}`;
  return `${gk.toLowerCase()}/${name}`;
}
