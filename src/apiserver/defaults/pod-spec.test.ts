import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addServiceAccountTokenVolume, applyPodAdmissionDefaults, defaultContainer, defaultPodSpec, imageTag } from './pod-spec.js';
import type { Obj } from './util.js';

describe('image tags and pull policy', () => {
  const table: [string, string, string][] = [
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.25', '1.25', 'IfNotPresent'],
    ['docker.io/library/nginx', 'latest', 'Always'],
    ['registry:5000/team/app', 'latest', 'Always'],
    ['registry:5000/team/app:v2', 'v2', 'IfNotPresent'],
    ['nginx@sha256:' + 'a'.repeat(64), '', 'IfNotPresent'],
    ['nginx:1.25@sha256:' + 'a'.repeat(64), '1.25', 'IfNotPresent'],
    ['Bad/Image', '', 'IfNotPresent'],
    ['', '', 'IfNotPresent'],
  ];
  for (const [image, tag, policy] of table) {
    it(`${image || '(empty)'} → ${policy}`, () => {
      assert.equal(imageTag(image), tag);
      const c: Obj = { name: 'c', image };
      defaultContainer(c);
      assert.equal(c.imagePullPolicy, policy);
    });
  }
  it('keeps an explicit policy', () => {
    const c: Obj = { name: 'c', image: 'nginx', imagePullPolicy: 'Never' };
    defaultContainer(c);
    assert.equal(c.imagePullPolicy, 'Never');
  });
});

describe('container defaults', () => {
  it('fills what kube fills', () => {
    const c: Obj = {
      name: 'c',
      image: 'nginx:1',
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
      env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      resources: { limits: { cpu: '500m', memory: '1024Mi' }, requests: { cpu: '0.1' } },
      livenessProbe: { httpGet: { port: 8080 } },
      readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
      startupProbe: { grpc: { port: 9000 } },
      lifecycle: { preStop: { httpGet: { port: 80 } } },
    };
    defaultContainer(c);
    assert.deepEqual(c, {
      name: 'c',
      image: 'nginx:1',
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [
        { containerPort: 80, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
      ],
      env: [{ name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
      resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m' } },
      livenessProbe: { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
      startupProbe: { grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      lifecycle: { preStop: { httpGet: { port: 80, path: '/', scheme: 'HTTP' } } },
    });
  });
});

describe('pod spec defaults', () => {
  it('minimal spec', () => {
    const spec: Obj = { containers: [{ name: 'c', image: 'busybox' }] };
    defaultPodSpec(spec);
    assert.deepEqual(spec, {
      containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('keeps explicit values', () => {
    const spec: Obj = { containers: [], dnsPolicy: 'Default', restartPolicy: 'Never', terminationGracePeriodSeconds: 0, schedulerName: 'mine', securityContext: { runAsUser: 1 } };
    defaultPodSpec(spec);
    assert.equal(spec.dnsPolicy, 'Default');
    assert.equal(spec.restartPolicy, 'Never');
    assert.equal(spec.terminationGracePeriodSeconds, 0);
    assert.equal(spec.schedulerName, 'mine');
    assert.deepEqual(spec.securityContext, { runAsUser: 1 });
  });

  it('mirrors the service account fields', () => {
    const a: Obj = { containers: [], serviceAccount: 'old' };
    defaultPodSpec(a);
    assert.equal(a.serviceAccountName, 'old');
    const b: Obj = { containers: [], serviceAccountName: 'new' };
    defaultPodSpec(b);
    assert.equal(b.serviceAccount, 'new');
  });

  const volumes: [string, Obj, Obj][] = [
    ['no source becomes emptyDir', { name: 'v' }, { name: 'v', emptyDir: {} }],
    ['emptyDir sizeLimit canonical', { name: 'v', emptyDir: { sizeLimit: '1024Mi' } }, { name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
    ['hostPath type', { name: 'v', hostPath: { path: '/x' } }, { name: 'v', hostPath: { path: '/x', type: '' } }],
    ['secret mode', { name: 'v', secret: { secretName: 's' } }, { name: 'v', secret: { secretName: 's', defaultMode: 420 } }],
    ['configMap mode', { name: 'v', configMap: { name: 'c' } }, { name: 'v', configMap: { name: 'c', defaultMode: 420 } }],
    ['explicit mode kept', { name: 'v', configMap: { name: 'c', defaultMode: 256 } }, { name: 'v', configMap: { name: 'c', defaultMode: 256 } }],
    [
      'downwardAPI',
      { name: 'v', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
      { name: 'v', downwardAPI: { items: [{ path: 'n', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }], defaultMode: 420 } },
    ],
    [
      'projected',
      { name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } },
      {
        name: 'v',
        projected: {
          sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }] } }],
          defaultMode: 420,
        },
      },
    ],
    ['iscsi', { name: 'v', iscsi: { targetPortal: 'a', iqn: 'b', lun: 0 } }, { name: 'v', iscsi: { targetPortal: 'a', iqn: 'b', lun: 0, iscsiInterface: 'default' } }],
    [
      'azureDisk',
      { name: 'v', azureDisk: { diskName: 'd', diskURI: 'u' } },
      { name: 'v', azureDisk: { diskName: 'd', diskURI: 'u', cachingMode: 'ReadWrite', kind: 'Shared', fsType: 'ext4', readOnly: false } },
    ],
    [
      'ephemeral claim template',
      { name: 'v', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } } } },
      { name: 'v', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } } } },
    ],
    ['pvc reference untouched', { name: 'v', persistentVolumeClaim: { claimName: 'c' } }, { name: 'v', persistentVolumeClaim: { claimName: 'c' } }],
  ];
  for (const [name, volume, want] of volumes) {
    it(`volume: ${name}`, () => {
      const spec: Obj = { containers: [], volumes: [volume] };
      defaultPodSpec(spec);
      assert.deepEqual((spec.volumes as Obj[])[0], want);
    });
  }
});

describe('pod admission defaults', () => {
  it('priority, tolerations and service account', () => {
    const pod: Obj = { spec: { containers: [] } };
    applyPodAdmissionDefaults(pod);
    assert.deepEqual(pod.spec, {
      containers: [],
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      serviceAccountName: 'default',
      serviceAccount: 'default',
    });
  });
  it('keeps existing tolerations for those taints', () => {
    const pod: Obj = { spec: { containers: [], serviceAccountName: 'sa', tolerations: [{ operator: 'Exists' }] } };
    applyPodAdmissionDefaults(pod);
    assert.deepEqual((pod.spec as Obj).tolerations, [{ operator: 'Exists' }]);
    assert.equal((pod.spec as Obj).serviceAccountName, 'sa');
  });
  it('a priority class leaves priority to be resolved', () => {
    const pod: Obj = { spec: { containers: [], priorityClassName: 'high' } };
    applyPodAdmissionDefaults(pod);
    assert.equal((pod.spec as Obj).priority, undefined);
  });
});

describe('service account token volume', () => {
  it('adds the projected volume and mounts', () => {
    const pod: Obj = { spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'i', volumeMounts: [{ name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }] } };
    addServiceAccountTokenVolume(pod, 'abcde');
    const spec = pod.spec as Obj;
    assert.deepEqual(spec.volumes, [
      {
        name: 'kube-api-access-abcde',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    assert.deepEqual((spec.containers as Obj[])[0]?.volumeMounts, [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    assert.equal(((spec.initContainers as Obj[])[0]?.volumeMounts as Obj[]).length, 1);
  });
  it('respects automountServiceAccountToken', () => {
    const pod: Obj = { spec: { containers: [{ name: 'c' }], automountServiceAccountToken: false } };
    addServiceAccountTokenVolume(pod, 'abcde');
    assert.equal((pod.spec as Obj).volumes, undefined);
    const viaSA: Obj = { spec: { containers: [{ name: 'c' }] } };
    addServiceAccountTokenVolume(viaSA, 'abcde', false);
    assert.equal((viaSA.spec as Obj).volumes, undefined);
  });
});
