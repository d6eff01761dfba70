import type { ApiResourceInfo, GroupInfo } from '../../client/index.js';

/**
 * One entry per group and resource, in the version the server prefers for the group (discovery's
 * ServerPreferredResources); subresources are left out.
 */
export function preferredResources(groups: readonly GroupInfo[], all: readonly ApiResourceInfo[]): ApiResourceInfo[] {
  const rank = (r: ApiResourceInfo): number => {
    const versions = groups.find((g) => g.name === r.group)?.versions ?? [];
    const i = versions.indexOf(r.version);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const best = new Map<string, ApiResourceInfo>();
  for (const r of all) {
    if (r.resource.includes('/')) continue;
    const key = `${r.group}/${r.resource}`;
    const seen = best.get(key);
    if (!seen || rank(r) < rank(seen)) best.set(key, r);
  }
  return [...best.values()];
}

export function hasVerbs(info: ApiResourceInfo, ...verbs: string[]): boolean {
  return verbs.every((v) => info.verbs.includes(v));
}
