import { stringify } from 'yaml';

export interface KubeconfigSpec {
  readonly name: string;
  readonly server: string;
  readonly caPem: string;
  readonly user: { readonly clientCertPem: string; readonly clientKeyPem: string } | { readonly token: string };
  readonly namespace?: string;
  readonly userName?: string;
}

/** A kubeconfig with one cluster, user and context, credentials embedded (as kubeadm and vcluster write them). */
export function buildKubeconfig(spec: KubeconfigSpec): string {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const userName = spec.userName ?? spec.name;
  const user =
    'token' in spec.user
      ? { token: spec.user.token }
      : { 'client-certificate-data': b64(spec.user.clientCertPem), 'client-key-data': b64(spec.user.clientKeyPem) };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: spec.name, cluster: { server: spec.server, 'certificate-authority-data': b64(spec.caPem) } }],
    users: [{ name: userName, user }],
    contexts: [{ name: spec.name, context: { cluster: spec.name, user: userName, ...(spec.namespace ? { namespace: spec.namespace } : {}) } }],
    'current-context': spec.name,
    preferences: {},
  });
}
