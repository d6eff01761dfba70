/** apiextensions.k8s.io/v1 defaults (apiextensions-apiserver pkg/apis/apiextensions/v1/defaults.go). */
import { ensureObj, objAt, objsAt, setDefault, setDefaultString, type Obj } from './util.js';

export const DEFAULT_WEBHOOK_SERVICE_PORT = 443;

/** The name of the version marked `storage: true` (the first one, if several are). */
export function storageVersionOf(crd: Obj): string | undefined {
  const spec = objAt(crd, 'spec');
  const v = spec === undefined ? undefined : objsAt(spec, 'versions').find((x) => x.storage === true);
  return typeof v?.name === 'string' ? v.name : undefined;
}

export function defaultCustomResourceDefinition(crd: Obj): void {
  const spec = ensureObj(crd, 'spec');
  const names = ensureObj(spec, 'names');
  const kind = typeof names.kind === 'string' ? names.kind : '';
  setDefaultString(names, 'singular', kind.toLowerCase());
  if (kind !== '') setDefaultString(names, 'listKind', `${kind}List`);
  setDefault(spec, 'conversion', { strategy: 'None' });
  const conversion = objAt(spec, 'conversion');
  const webhook = conversion === undefined ? undefined : objAt(conversion, 'webhook');
  const clientConfig = webhook === undefined ? undefined : objAt(webhook, 'clientConfig');
  const service = clientConfig === undefined ? undefined : objAt(clientConfig, 'service');
  if (service !== undefined) setDefault(service, 'port', DEFAULT_WEBHOOK_SERVICE_PORT);
  const status = ensureObj(crd, 'status');
  if (!Array.isArray(status.storedVersions) || status.storedVersions.length === 0) {
    const storage = storageVersionOf(crd);
    if (storage !== undefined) status.storedVersions = [storage];
  }
}
