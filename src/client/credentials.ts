/**
 * Per-request credentials (bearer tokens, basic auth, impersonation headers). TLS client
 * certificates belong to the connection instead: see TlsSource.
 */
export interface Credentials {
  /** Headers for the next request; `refresh` after a 401 asks for fresh ones (an expired exec token). */
  headers(refresh: boolean): Promise<Readonly<Record<string, string>>>;
}

export const noCredentials: Credentials = { headers: () => Promise.resolve({}) };

export function bearerToken(token: string): Credentials {
  const headers = { authorization: `Bearer ${token}` };
  return { headers: () => Promise.resolve(headers) };
}
