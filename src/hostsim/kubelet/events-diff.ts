/**
 * The events kubelet records while it runs containers, derived from what changed between two
 * statuses: a new container (Pulling/Pulled, Created, Started), a crash loop (BackOff).
 */
import type { Container, ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { EventType } from '../events.js';
import { goDuration, imageSize, pullDurationMs, pullPolicy } from './images.js';

export interface ContainerEvent {
  readonly fieldPath: string;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
}

/** The node's images, as the pull events see them. */
export interface NodeImages {
  hasImage(image: string): boolean;
  addImage(image: string): void;
}

function pullEvents(c: Container, images: NodeImages, fieldPath: string): ContainerEvent[] {
  const image = c.image ?? '';
  const policy = pullPolicy(c);
  if (policy !== 'Always' && (images.hasImage(image) || policy === 'Never')) {
    return [{ fieldPath, type: 'Normal', reason: 'Pulled', message: `Container image "${image}" already present on machine` }];
  }
  images.addImage(image);
  const took = goDuration(pullDurationMs(image));
  return [
    { fieldPath, type: 'Normal', reason: 'Pulling', message: `Pulling image "${image}"` },
    { fieldPath, type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(image)} bytes.` },
  ];
}

function forContainer(pod: Pod, c: Container, fieldPath: string, before: ContainerStatus | undefined, after: ContainerStatus | undefined, images: NodeImages): ContainerEvent[] {
  if (!after) return [];
  const out: ContainerEvent[] = [];
  const startedNew = after.containerID !== undefined && after.containerID !== before?.containerID && (after.state?.running !== undefined || after.state?.terminated !== undefined || after.lastState?.terminated !== undefined);
  if (startedNew) {
    out.push(...pullEvents(c, images, fieldPath));
    out.push({ fieldPath, type: 'Normal', reason: 'Created', message: `Created container ${c.name}` });
    out.push({ fieldPath, type: 'Normal', reason: 'Started', message: `Started container ${c.name}` });
  }
  const backingOff = after.state?.waiting?.reason === 'CrashLoopBackOff';
  const wasBackingOff = before?.state?.waiting?.reason === 'CrashLoopBackOff' && before.restartCount === after.restartCount;
  if (backingOff && !wasBackingOff) {
    const who = `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
    out.push({ fieldPath, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.name} in pod ${who}` });
  }
  return out;
}

/** Events for what changed from `before` to `after`, init containers first. Records pulls on `images`. */
export function containerEvents(pod: Pod, before: PodStatus | undefined, after: PodStatus, images: NodeImages): ContainerEvent[] {
  const find = (list: readonly ContainerStatus[] | undefined, name: string): ContainerStatus | undefined => list?.find((s) => s.name === name);
  const out: ContainerEvent[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    out.push(...forContainer(pod, c, `spec.initContainers{${c.name}}`, find(before?.initContainerStatuses, c.name), find(after.initContainerStatuses, c.name), images));
  }
  for (const c of pod.spec?.containers ?? []) {
    out.push(...forContainer(pod, c, `spec.containers{${c.name}}`, find(before?.containerStatuses, c.name), find(after.containerStatuses, c.name), images));
  }
  return out;
}
