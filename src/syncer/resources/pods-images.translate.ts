/**
 * `sync.toHost.pods.translateImage`: which image a host container runs. Upstream matches the whole
 * image string exactly (spec §3.1); the air-gapped example of seed 002 also needs a registry or
 * repository prefix to be replaced (`gcr.io/my-repo` → `docker.io/my-mirror` turns
 * `gcr.io/my-repo/app:1` into `docker.io/my-mirror/app:1`), so an exact match wins, then the
 * longest key that is a prefix ending at a `/` boundary (or the whole repository, before a tag or
 * digest).
 */

export type ImageRules = Readonly<Record<string, string>>;

/** Docker's default registry: `nginx` means `docker.io/library/nginx`. */
const DOCKER_HUB = 'docker.io';

function trimSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

/** The rest of `image` after `prefix`, if `prefix` ends at a path boundary of `image`. */
function restAfterPrefix(image: string, prefix: string): string | undefined {
  if (prefix === '' || !image.startsWith(prefix)) return undefined;
  const rest = image.slice(prefix.length);
  if (rest.startsWith('/')) return rest;
  // The whole repository matched: only a tag or digest may follow.
  if ((rest.startsWith(':') || rest.startsWith('@')) && !rest.includes('/')) return rest;
  return undefined;
}

function prefixMatch(image: string, rules: ImageRules): string | undefined {
  let best: { readonly length: number; readonly result: string } | undefined;
  for (const [from, to] of Object.entries(rules)) {
    const prefix = trimSlash(from);
    const rest = restAfterPrefix(image, prefix);
    if (rest === undefined || (best !== undefined && best.length >= prefix.length)) continue;
    best = { length: prefix.length, result: trimSlash(to) + rest };
  }
  return best?.result;
}

/**
 * Docker's reference normalisation: a first path component without `.` or `:` (and not
 * `localhost`) is a Docker Hub repository; a single component lives under `library/`.
 */
export function normalizeDockerHub(image: string): string | undefined {
  const slash = image.indexOf('/');
  const first = slash < 0 ? image : image.slice(0, slash);
  const isRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (isRegistry) return undefined;
  return slash < 0 ? `${DOCKER_HUB}/library/${image}` : `${DOCKER_HUB}/${image}`;
}

/** The image a host container runs instead of `image`; `image` itself when no rule applies. */
export function translateImage(image: string, rules: ImageRules): string {
  if (Object.hasOwn(rules, image)) return rules[image] ?? image;
  const direct = prefixMatch(image, rules);
  if (direct !== undefined) return direct;
  const normalized = normalizeDockerHub(image);
  if (normalized === undefined) return image;
  return prefixMatch(normalized, rules) ?? image;
}
