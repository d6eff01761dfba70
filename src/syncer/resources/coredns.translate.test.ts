import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreDnsImage, coreDnsManifests, corefile } from './coredns.translate.js';

describe('CoreDNS manifests (upstream pkg/coredns/template.go, default values)', () => {
  it('the Corefile', () => {
    assert.equal(
      corefile({ clusterDomain: 'cluster.local', proxyKubeletsByHostname: true }),
      `.:1053 {
    errors
    health
    ready
    rewrite name regex .*\\.nodes\\.vcluster\\.com kubernetes.default.svc.cluster.local
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    hosts /etc/coredns/NodeHosts {
        ttl 60
        reload 15s
        fallthrough
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}

import /etc/coredns/custom/*.server`,
    );
  });
  it('another cluster domain is served too, cluster.local stays', () => {
    assert.match(corefile({ clusterDomain: 'corp.local', proxyKubeletsByHostname: false }), /^ {4}kubernetes corp\.local cluster\.local in-addr\.arpa ip6\.arpa \{$/m);
    assert.doesNotMatch(corefile({ clusterDomain: 'corp.local', proxyKubeletsByHostname: false }), /rewrite/);
  });
  const images: [string, string, string][] = [
    ['1.32', '', 'docker.io/coredns/coredns:1.11.3'],
    ['1.35', '', 'docker.io/coredns/coredns:1.14.1'],
    ['1.20', '', 'docker.io/coredns/coredns:1.14.2'],
    ['', 'registry.local/', 'registry.local/coredns/coredns:1.14.2'],
  ];
  for (const [version, registry, expected] of images) {
    it(`image for ${version || 'unknown'} ${registry}`, () => {
      assert.equal(coreDnsImage(version, registry), expected);
    });
  }
  const m = coreDnsManifests({ clusterDomain: 'cluster.local', proxyKubeletsByHostname: true, kubernetesVersion: '1.32', defaultImageRegistry: '', runAsUser: 1001, runAsGroup: 1001 });
  it('the kube-dns Service in kube-system', () => {
    assert.deepEqual(m.service.metadata, {
      name: 'kube-dns',
      namespace: 'kube-system',
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'vcluster-kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    });
    assert.deepEqual(m.service.spec?.selector, { 'k8s-app': 'vcluster-kube-dns' });
    assert.deepEqual(m.service.spec.ports?.map((p) => [p.name, p.port, p.targetPort, p.protocol]), [
      ['dns', 53, 1053, 'UDP'],
      ['dns-tcp', 53, 1053, 'TCP'],
      ['metrics', 9153, undefined, 'TCP'],
    ]);
  });
  it('the Deployment runs CoreDNS with the default policy, not the cluster DNS', () => {
    const spec = m.deployment.spec?.template.spec;
    assert.equal(m.deployment.metadata?.namespace, 'kube-system');
    assert.equal(spec?.dnsPolicy, 'Default');
    assert.equal(spec.serviceAccountName, 'coredns');
    assert.equal(spec.containers[0]?.image, 'docker.io/coredns/coredns:1.11.3');
    assert.deepEqual(spec.containers[0].args, ['-conf', '/etc/coredns/Corefile']);
    assert.deepEqual(m.deployment.spec?.selector, { matchLabels: { 'k8s-app': 'vcluster-kube-dns' } });
    assert.equal(spec.volumes?.[0]?.configMap?.name, 'coredns');
  });
  it('ConfigMap and RBAC', () => {
    assert.deepEqual(Object.keys(m.configMap.data ?? {}), ['Corefile', 'NodeHosts']);
    assert.equal(m.clusterRoleBinding.subjects?.[0]?.name, 'coredns');
    assert.equal(m.clusterRole.metadata?.name, 'system:coredns');
  });
});
