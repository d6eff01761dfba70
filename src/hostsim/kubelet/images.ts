/** Image references as containerd reports them, and the simulated registry behind them. */
import { createHash } from 'node:crypto';
import type { Container } from 'kubernetes-types/core/v1.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface ImageRef {
  /** `docker.io/library/nginx` */
  readonly repository: string;
  /** `1.25` (absent for digest-only references) */
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** docker's reference normalisation: `nginx` is `docker.io/library/nginx:latest`. */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasDomain ? rest : `docker.io/${rest}`;
  if (repository.startsWith('docker.io/') && !repository.slice('docker.io/'.length).includes('/')) repository = `docker.io/library/${repository.slice('docker.io/'.length)}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { repository, tag, digest };
}

/** The image as the container status shows it once pulled. */
export function resolvedImage(image: string): string {
  const ref = parseImage(image);
  if (ref.tag !== undefined) return `${ref.repository}:${ref.tag}`;
  return `${ref.repository}@${ref.digest ?? ''}`;
}

/** `repository@sha256:…`: the digest the reference resolved to (stable per reference). */
export function imageId(image: string): string {
  const ref = parseImage(image);
  return `${ref.repository}@${ref.digest ?? `sha256:${sha256(resolvedImage(image))}`}`;
}

/** A plausible, stable size in bytes (5 to 200 MB). */
export function imageSize(image: string): number {
  return 5_000_000 + (parseInt(sha256(`size:${resolvedImage(image)}`).slice(0, 8), 16) % 195_000_000);
}

/** How long the simulated pull took, for the Pulled event (stable per image). */
export function pullDurationMs(image: string): number {
  return 300 + (parseInt(sha256(`pull:${resolvedImage(image)}`).slice(0, 6), 16) % 4700);
}

export function containerId(podUid: string, container: string, attempt: number): string {
  return `containerd://${sha256(`${podUid}/${container}/${attempt}`)}`;
}

/** The pull policy kube defaults to: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function pullPolicy(c: Pick<Container, 'image' | 'imagePullPolicy'>): 'Always' | 'IfNotPresent' | 'Never' {
  const p = c.imagePullPolicy;
  if (p === 'Always' || p === 'IfNotPresent' || p === 'Never') return p;
  const ref = parseImage(c.image ?? '');
  return ref.digest === undefined && ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** A Go duration as `time.Duration.String()` prints whole seconds and milliseconds: `10s`, `1m20s`, `812ms`, `2.345s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) {
    const text = (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
    return `${text}s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h > 0 ? `${h}h${m}m${s}s` : `${m}m${s}s`;
}
