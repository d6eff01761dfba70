import type { TLSSocket } from 'node:tls';
import type { ServerRequest } from '../http/body.js';
import { serviceAccountUser, type ServiceAccountTokens, type TokenClaims } from './tokens.js';
import type { UserInfo } from './types.js';

export interface AuthenticatorOptions {
  /** Static bearer tokens (e.g. the admin token in the generated kubeconfig). */
  readonly staticTokens?: ReadonlyMap<string, UserInfo>;
  readonly serviceAccountTokens?: ServiceAccountTokens;
  /**
   * Whether the service account (and bound object) named by a valid token still exist with the
   * same UIDs; kube rejects tokens of deleted service accounts.
   */
  readonly tokenStillValid?: (claims: TokenClaims) => Promise<boolean>;
}

/**
 * Authenticates by client certificate (verified against the cluster CA by TLS: CN is the user, O
 * the groups) or by bearer token. Returns undefined for anonymous requests: the server answers 401.
 */
export class Authenticator {
  constructor(private readonly options: AuthenticatorOptions) {}

  async authenticate(req: ServerRequest): Promise<UserInfo | undefined> {
    const header = req.headers.authorization;
    if (typeof header === 'string' && /^bearer /i.test(header)) {
      return this.byToken(header.slice(7).trim());
    }
    return byCertificate(req);
  }

  async byToken(token: string, audiences?: readonly string[]): Promise<UserInfo | undefined> {
    if (token === '') return undefined;
    const user = this.options.staticTokens?.get(token);
    if (user) return { ...user, groups: withAuthenticated(user.groups) };
    const claims = await this.options.serviceAccountTokens?.verify(token, audiences);
    if (!claims) return undefined;
    if (this.options.tokenStillValid && !(await this.options.tokenStillValid(claims))) return undefined;
    return serviceAccountUser(claims);
  }
}

/** A connection's certificate identity is fixed: parse it once per TLS socket, not per request. */
const identities = new WeakMap<object, UserInfo | null>();

function byCertificate(req: ServerRequest): UserInfo | undefined {
  const socket = req.socket as Partial<TLSSocket> | null;
  if (!socket?.authorized || typeof socket.getPeerCertificate !== 'function') return undefined;
  // HTTP/2 compat hands out a proxy per request; the session's socket is the stable key.
  const key = (req as { stream?: { session?: { socket?: object } } }).stream?.session?.socket ?? socket;
  const cached = identities.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const user = identityOf(socket as TLSSocket);
  identities.set(key, user ?? null);
  return user;
}

function identityOf(socket: TLSSocket): UserInfo | undefined {
  const cert = socket.getPeerCertificate();
  const subject = cert.subject as Record<string, string | string[] | undefined> | undefined;
  const cn = subject?.CN;
  const user = Array.isArray(cn) ? cn[0] : cn;
  if (!user) return undefined;
  const o = subject?.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { name: user, groups: withAuthenticated(groups) };
}

function withAuthenticated(groups: readonly string[]): string[] {
  return groups.includes('system:authenticated') ? [...groups] : [...groups, 'system:authenticated'];
}
