export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export interface AuthorizationAttributes {
  readonly user: UserInfo;
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly path: string;
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

/** Decides whether an authenticated user may do something. RBAC can replace the default later. */
export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): Decision | Promise<Decision>;
}

/** The default: every authenticated user may do everything (anonymous requests never get this far). */
export const allowAuthenticated: Authorizer = {
  authorize: (a) =>
    a.user.groups.includes('system:authenticated')
      ? { allowed: true, reason: 'all authenticated users are allowed' }
      : { allowed: false, reason: 'not authenticated' },
};
