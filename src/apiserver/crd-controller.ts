import { isObject, str, type JsonObject, type KubeObject } from '../api/object.js';
import type { Store, Watch } from '../storage/index.js';
import { STANDARD_VERBS, type ResourceDef } from './registry/types.js';
import { customResourceDefinitionName } from './schema/index.js';
import type { RequestContext } from './rest/context.js';
import { timestamp } from './rest/context.js';
import type { RestStore } from './rest/store.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRD_PREFIX = '/registry/apiextensions.k8s.io/customresourcedefinitions/';

interface CrdHost {
  readonly storage: Store;
  crdStore(): RestStore;
  setCustom(crdName: string, defs: ResourceDef[]): void;
  systemContext(): RequestContext;
}

/** The resources a CRD serves (one per served version). */
export function defsOfCrd(crd: KubeObject): ResourceDef[] {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const group = str(spec.group, '');
  const plural = str(names.plural, '');
  const kind = str(names.kind, '');
  const versions = Array.isArray(spec.versions) ? (spec.versions as JsonObject[]) : [];
  const storageVersion = str(versions.find((v) => v.storage === true)?.name ?? versions[0]?.name);
  return versions
    .filter((v) => v.served === true)
    .map((v) => {
      const subs = isObject(v.subresources) ? v.subresources : {};
      const scale = isObject(subs.scale) ? subs.scale : undefined;
      const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      const version = str(v.name);
      return {
        group,
        version,
        resource: plural,
        kind,
        listKind: str(names.listKind, `${kind}List`),
        singular: str(names.singular, kind.toLowerCase()),
        namespaced: spec.scope === 'Namespaced',
        shortNames: Array.isArray(names.shortNames) ? (names.shortNames as string[]) : [],
        categories: Array.isArray(names.categories) ? (names.categories as string[]) : [],
        verbs: STANDARD_VERBS,
        subresources: [],
        storagePrefix: `${group}/${plural}`,
        definition: customResourceDefinitionName(group, version, kind),
        generation: true,
        stored: true,
        crd: {
          crdName: crd.metadata?.name ?? '',
          ...(schema ? { schema } : {}),
          printerColumns: Array.isArray(v.additionalPrinterColumns) ? (v.additionalPrinterColumns as JsonObject[]) : [],
          statusSubresource: isObject(subs.status),
          ...(scale
            ? {
                scale: {
                  specReplicasPath: str(scale.specReplicasPath, '.spec.replicas'),
                  statusReplicasPath: str(scale.statusReplicasPath, '.status.replicas'),
                  ...(typeof scale.labelSelectorPath === 'string' ? { labelSelectorPath: scale.labelSelectorPath } : {}),
                },
              }
            : {}),
          storageVersion,
          served: true,
        },
      } satisfies ResourceDef;
    });
}

/**
 * What apiextensions-apiserver's controllers do: accept a CRD's names, mark it Established, serve
 * its resources, and on deletion remove every custom resource before letting the CRD go.
 */
export class CrdController {
  private watch: Watch | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly host: CrdHost) {}

  async start(): Promise<void> {
    const list = await this.host.storage.list(CRD_PREFIX);
    for (const item of list.items) await this.reconcile(this.host.crdStore().fromStorage(item.value));
    this.watch = await this.host.storage.watch(CRD_PREFIX, list.revision, (event) => {
      if (event.type === 'PROGRESS' || this.stopped) return;
      const crd = this.host.crdStore().fromStorage(structuredClone(event.value));
      // One CRD at a time, in event order.
      this.queue = this.queue.then(() => (event.type === 'DELETED' ? this.forget(crd) : this.reconcile(crd))).catch(() => undefined);
    });
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  /** Waits until every event seen so far has been handled (for tests and start-up). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private forget(crd: KubeObject): Promise<void> {
    this.host.setCustom(crd.metadata?.name ?? '', []);
    return Promise.resolve();
  }

  private async reconcile(crd: KubeObject): Promise<void> {
    const name = crd.metadata?.name ?? '';
    if (crd.metadata?.deletionTimestamp !== undefined) {
      await this.cleanUp(crd);
      return;
    }
    this.host.setCustom(name, defsOfCrd(crd));
    await this.host.crdStore().update(
      '',
      name,
      (current) => {
        if (!current) throw new Error('gone');
        const m = current.metadata ?? {};
        if (!(m.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) m.finalizers = [...(m.finalizers ?? []), CRD_CLEANUP_FINALIZER];
        current.metadata = m;
        return current;
      },
      this.host.systemContext(),
    ).catch(() => undefined);
    await this.host.crdStore().update(
      '',
      name,
      (current) => {
        if (!current) throw new Error('gone');
        const spec = isObject(current.spec) ? current.spec : {};
        const status = isObject(current.status) ? current.status : {};
        const now = timestamp(new Date());
        const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as JsonObject[];
        const ensure = (type: string, reason: string, message: string): JsonObject => {
          const existing = conditions.find((c) => c.type === type && c.status === 'True');
          return existing ?? { type, status: 'True', lastTransitionTime: now, reason, message };
        };
        status.conditions = [
          ensure('NamesAccepted', 'NoConflicts', 'no conflicts found'),
          ensure('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
        ];
        const names = isObject(spec.names) ? spec.names : {};
        status.acceptedNames = {
          plural: names.plural,
          singular: names.singular ?? str(names.kind, '').toLowerCase(),
          kind: names.kind,
          listKind: names.listKind ?? `${str(names.kind, '')}List`,
          ...(Array.isArray(names.shortNames) ? { shortNames: names.shortNames } : {}),
          ...(Array.isArray(names.categories) ? { categories: names.categories } : {}),
        };
        current.status = status;
        return current;
      },
      this.host.systemContext(),
      { subresource: 'status' },
    ).catch(() => undefined);
  }

  /** Deleting a CRD deletes all of its objects, then releases the CRD. */
  private async cleanUp(crd: KubeObject): Promise<void> {
    const name = crd.metadata?.name ?? '';
    const spec = isObject(crd.spec) ? crd.spec : {};
    const names = isObject(spec.names) ? spec.names : {};
    this.host.setCustom(name, []);
    const prefix = `/registry/${str(spec.group, '')}/${str(names.plural, '')}/`;
    for (;;) {
      const page = await this.host.storage.list(prefix, { limit: 500 });
      for (const item of page.items) await this.host.storage.delete(item.key).catch(() => undefined);
      if (!page.continue) break;
    }
    await this.host.crdStore().update(
      '',
      name,
      (current) => {
        if (!current) throw new Error('gone');
        const m = current.metadata ?? {};
        m.finalizers = (m.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
        current.metadata = m;
        return current;
      },
      this.host.systemContext(),
    ).catch(() => undefined);
  }
}
