import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isNotFound, StatusError } from '../api/status.js';
import { resources } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import type { ControllerContext } from './shared/context.js';

export const SERVICE_ACCOUNT_CONTROLLER = 'serviceaccount-controller';
/** The service accounts every namespace gets (kube: just `default`). */
export const SERVICE_ACCOUNTS_TO_ENSURE: readonly string[] = ['default'];
const WORKERS = 1;

/** The API server refused a create because the namespace is being deleted. */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof StatusError && (e.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

/**
 * kube's service account controller: every active namespace has a `default` ServiceAccount, created
 * again when deleted. Tokens come from the TokenRequest API, so no token Secrets are made.
 */
export function serviceAccountController(ctx: ControllerContext): Controller {
  const namespaces = ctx.informer(resources.namespaces);
  const serviceAccounts = ctx.informer(resources.serviceAccounts);

  const reconcile = async (name: string, signal: AbortSignal): Promise<void> => {
    const ns = namespaces.get('', name);
    // Nothing is created in a terminating namespace.
    if (ns?.status?.phase !== 'Active') return;
    const failures: unknown[] = [];
    for (const sa of SERVICE_ACCOUNTS_TO_ENSURE) {
      if (serviceAccounts.get(name, sa)) continue;
      const body: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: name } };
      try {
        await ctx.client.create(resources.serviceAccounts, body, { signal });
      } catch (e) {
        if (isAlreadyExists(e) || isNamespaceTerminating(e) || isNotFound(e)) continue;
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  };

  return ctx
    .controller({ name: SERVICE_ACCOUNT_CONTROLLER, workers: WORKERS, reconcile })
    .watch(namespaces, { predicate: (e) => e.type !== 'delete' })
    .watch(serviceAccounts, {
      map: (sa) => [sa.metadata?.namespace ?? ''],
      // Only a missing account needs work.
      predicate: (e) => e.type === 'delete' && SERVICE_ACCOUNTS_TO_ENSURE.includes(e.obj.metadata?.name ?? ''),
    });
}
