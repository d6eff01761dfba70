/**
 * The virtual cluster's DNS (upstream `pkg/coredns/template.go`, non-embedded CoreDNS with default
 * values): a CoreDNS Deployment, its ConfigMap, RBAC and the `kube-system/kube-dns` Service, created
 * in the virtual cluster like any workload. The syncer copies its pods and Service to the host, and
 * every host pod's DNS points at the host copy of `kube-dns` (spec §3.1 "DNS").
 */
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1.js';
import type { ConfigMap, Service, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';

export const DNS_NAMESPACE = 'kube-system';
export const DNS_SERVICE_NAME = 'kube-dns';
export const COREDNS_NAME = 'coredns';
export const COREDNS_LABEL_KEY = 'k8s-app';
export const COREDNS_LABEL_VALUE = 'vcluster-kube-dns';

/** `pkg/constants/coredns.go`: the CoreDNS image per Kubernetes minor version. */
const COREDNS_VERSIONS: Readonly<Record<string, string>> = {
  '1.36': 'coredns/coredns:1.14.2',
  '1.35': 'coredns/coredns:1.14.1',
  '1.34': 'coredns/coredns:1.12.1',
  '1.33': 'coredns/coredns:1.12.0',
  '1.32': 'coredns/coredns:1.11.3',
  '1.31': 'coredns/coredns:1.11.3',
  '1.30': 'coredns/coredns:1.11.3',
};
const DEFAULT_IMAGE = 'coredns/coredns:1.14.2';
const DEFAULT_REGISTRY = 'docker.io';
/** CoreDNS runs as the syncer's user, or as 1001 when that is root. */
export const DEFAULT_COREDNS_ID = 1001;

export interface CoreDnsOptions {
  readonly clusterDomain: string;
  /** `networking.advanced.proxyKubelets.byHostname`: `*.nodes.vcluster.com` resolves to the API server. */
  readonly proxyKubeletsByHostname: boolean;
  /** The virtual cluster's Kubernetes version, `major.minor` (picks the CoreDNS image). */
  readonly kubernetesVersion: string;
  /** `controlPlane.advanced.defaultImageRegistry`; empty for docker.io. */
  readonly defaultImageRegistry: string;
  readonly runAsUser: number;
  readonly runAsGroup: number;
}

/** The image of the CoreDNS container, always with a registry. */
export function coreDnsImage(kubernetesVersion: string, defaultImageRegistry: string): string {
  const image = COREDNS_VERSIONS[kubernetesVersion] ?? DEFAULT_IMAGE;
  const registry = defaultImageRegistry === '' ? DEFAULT_REGISTRY : defaultImageRegistry.replace(/\/+$/, '');
  return `${registry}/${image}`;
}

/** The Corefile upstream renders with default values. */
export function corefile(options: Pick<CoreDnsOptions, 'clusterDomain' | 'proxyKubeletsByHostname'>): string {
  const domains = options.clusterDomain !== '' && options.clusterDomain !== 'cluster.local' ? `${options.clusterDomain} cluster.local` : 'cluster.local';
  return [
    '.:1053 {',
    '    errors',
    '    health',
    '    ready',
    ...(options.proxyKubeletsByHostname ? ['    rewrite name regex .*\\.nodes\\.vcluster\\.com kubernetes.default.svc.cluster.local'] : []),
    `    kubernetes ${domains} in-addr.arpa ip6.arpa {`,
    '        pods insecure',
    '        fallthrough in-addr.arpa ip6.arpa',
    '    }',
    '    hosts /etc/coredns/NodeHosts {',
    '        ttl 60',
    '        reload 15s',
    '        fallthrough',
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
    'import /etc/coredns/custom/*.server',
  ].join('\n');
}

export interface CoreDnsManifests {
  readonly serviceAccount: ServiceAccount;
  readonly clusterRole: ClusterRole;
  readonly clusterRoleBinding: ClusterRoleBinding;
  readonly configMap: ConfigMap;
  readonly deployment: Deployment;
  readonly service: Service;
}

const selectorLabels = { [COREDNS_LABEL_KEY]: COREDNS_LABEL_VALUE };

function deployment(options: CoreDnsOptions): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: COREDNS_NAME, namespace: DNS_NAMESPACE, labels: { ...selectorLabels, 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { ...selectorLabels } },
      template: {
        metadata: { labels: { ...selectorLabels } },
        spec: {
          serviceAccountName: COREDNS_NAME,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...selectorLabels } } },
          ],
          containers: [
            {
              name: COREDNS_NAME,
              image: coreDnsImage(options.kubernetesVersion, options.defaultImageRegistry),
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { cpu: '1000m', memory: '170Mi' }, requests: { cpu: '20m', memory: '64Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [
                { name: 'config-volume', mountPath: '/etc/coredns', readOnly: true },
                { name: 'custom-config-volume', mountPath: '/etc/coredns/custom', readOnly: true },
              ],
              securityContext: {
                runAsNonRoot: true,
                runAsUser: options.runAsUser,
                runAsGroup: options.runAsGroup,
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                periodSeconds: 10,
                timeoutSeconds: 1,
                successThreshold: 1,
                failureThreshold: 3,
              },
              readinessProbe: {
                httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
                initialDelaySeconds: 0,
                periodSeconds: 2,
                timeoutSeconds: 1,
                successThreshold: 1,
                failureThreshold: 3,
              },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [
            {
              name: 'config-volume',
              configMap: { name: COREDNS_NAME, items: [{ key: 'Corefile', path: 'Corefile' }, { key: 'NodeHosts', path: 'NodeHosts' }] },
            },
            { name: 'custom-config-volume', configMap: { name: 'coredns-custom', optional: true } },
          ],
        },
      },
    },
  };
}

/** Every object upstream applies to the virtual cluster, in apply order. */
export function coreDnsManifests(options: CoreDnsOptions): CoreDnsManifests {
  return {
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: COREDNS_NAME, namespace: DNS_NAMESPACE } },
    clusterRole: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'system:coredns', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    },
    clusterRoleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {
        name: 'system:coredns',
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
        labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
      subjects: [{ kind: 'ServiceAccount', name: COREDNS_NAME, namespace: DNS_NAMESPACE }],
    },
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: COREDNS_NAME, namespace: DNS_NAMESPACE },
      data: { Corefile: corefile(options), NodeHosts: '' },
    },
    deployment: deployment(options),
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: DNS_SERVICE_NAME,
        namespace: DNS_NAMESPACE,
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        labels: { ...selectorLabels, 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { ...selectorLabels },
        ports: [
          { name: 'dns', port: 53, targetPort: 1053, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 1053, protocol: 'TCP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
      },
    },
  };
}
