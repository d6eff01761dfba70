/** `sync.toHost.pods` options → `PodSyncOptions`. */
import type { Toleration } from 'kubernetes-types/core/v1.js';
import type { ConfigIssue } from './errors.js';
import { formatPath } from './errors.js';
import type { VclusterYaml } from './schema-vcluster.js';
import { parseToleration } from './tolerations.js';
import type { PodSyncOptions } from './types.js';

type PodsInput = VclusterYaml['sync']['toHost']['pods'];

const PODS_PATH = ['sync', 'toHost', 'pods'] as const;

function imageReference(image: PodsInput['rewriteHosts']['initContainer']['image']): string {
  if (typeof image === 'string') return image;
  const repository = image.registry === '' ? image.repository : `${image.registry}/${image.repository}`;
  return image.tag === '' ? repository : `${repository}:${image.tag}`;
}

function quantities(list: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, String(v)]));
}

export function podSyncOptions(
  pods: PodsInput,
  extra: { readonly ephemeralContainers: boolean; readonly status: boolean },
  issues: ConfigIssue[],
): PodSyncOptions {
  // The schema has already refused entries that do not parse.
  const enforceTolerations: Toleration[] = pods.enforceTolerations.flatMap((spec) => {
    const parsed = parseToleration(spec);
    return parsed.ok ? [parsed.toleration] : [];
  });
  const image = imageReference(pods.rewriteHosts.initContainer.image);
  if (image.trim() === '') {
    issues.push({ path: formatPath([...PODS_PATH, 'rewriteHosts', 'initContainer', 'image']), message: 'expected an image' });
  }
  return {
    translateImage: { ...pods.translateImage },
    enforceTolerations,
    useSecretsForSATokens: pods.useSecretsForSATokens,
    ...(pods.runtimeClassName === '' ? {} : { runtimeClassName: pods.runtimeClassName }),
    ...(pods.priorityClassName === '' ? {} : { priorityClassName: pods.priorityClassName }),
    rewriteHosts: {
      enabled: pods.rewriteHosts.enabled,
      initContainer: {
        image,
        resources: {
          limits: quantities(pods.rewriteHosts.initContainer.resources.limits),
          requests: quantities(pods.rewriteHosts.initContainer.resources.requests),
        },
      },
    },
    ephemeralContainers: extra.ephemeralContainers,
    status: extra.status,
  };
}
