import type { Store } from '../storage/index.js';
import { createPatchApplier } from './adapters/patches.js';
import { createSemantics } from './adapters/semantics.js';
import { createTables } from './adapters/tables.js';
import type { UserInfo, Authorizer } from './auth/types.js';
import type { PodLogProvider } from './handlers/subresources.js';
import { OpenApi } from './openapi.js';
import { loadSchemas } from './schema/index.js';
import { ApiServer, type ServerPki } from './server.js';

export interface CreateApiServerOptions {
  readonly storage: Store;
  readonly pki: ServerPki;
  readonly staticTokens?: ReadonlyMap<string, UserInfo>;
  readonly authorizer?: Authorizer;
  readonly serviceCidr?: string;
  readonly nodePortRange?: readonly [number, number];
  readonly podLogs?: PodLogProvider;
  readonly minRequestTimeoutSeconds?: number;
  readonly onError?: (e: unknown, req: { method: string; path: string }) => void;
}

/** An API server with the project's schemas, validation, patching and printing wired in. */
export function createApiServer(options: CreateApiServerOptions): ApiServer {
  const schemas = loadSchemas();
  return new ApiServer({
    ...options,
    semantics: createSemantics(schemas),
    patches: createPatchApplier(schemas),
    tables: createTables(),
    openapi: new OpenApi(schemas),
  });
}

export { ApiServer, DEFAULT_VERSION } from './server.js';
export type { ServerPki, VersionInfo } from './server.js';
export { loadOrCreatePki, loadOrCreatePkiAsync } from './pki-files.js';
export type { ClusterPki } from './pki-files.js';
export { decorateResourceVersion } from './rest/keys.js';
export type { UserInfo, Authorizer, AuthorizationAttributes, Decision } from './auth/types.js';
export type { PodLogProvider } from './handlers/subresources.js';
export type { BootstrapOptions } from './bootstrap.js';
