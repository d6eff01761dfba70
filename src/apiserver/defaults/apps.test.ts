import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults } from './index.js';
import type { Obj } from './util.js';

const apps = (kind: string) => ({ group: 'apps', version: 'v1', kind });
const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } };
const DEFAULTED_TEMPLATE = {
  metadata: { labels: { app: 'a' } },
  spec: {
    containers: [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  },
};
const sel = { matchLabels: { app: 'a' } };
const specOf = (kind: string, spec: Obj): Obj => applyDefaults(apps(kind), { spec: structuredClone(spec) }).spec as Obj;

describe('apps/v1 defaults', () => {
  const table: [string, string, Obj, Obj][] = [
    [
      'Deployment',
      'Deployment',
      { selector: sel, template },
      {
        selector: sel,
        template: DEFAULTED_TEMPLATE,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    ],
    [
      'Deployment Recreate',
      'Deployment',
      { selector: sel, template, replicas: 0, strategy: { type: 'Recreate' } },
      { selector: sel, template: DEFAULTED_TEMPLATE, replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    ],
    [
      'Deployment partial rolling update',
      'Deployment',
      { selector: sel, template, strategy: { rollingUpdate: { maxSurge: 1 } } },
      {
        selector: sel,
        template: DEFAULTED_TEMPLATE,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    ],
    ['ReplicaSet', 'ReplicaSet', { selector: sel, template }, { selector: sel, template: DEFAULTED_TEMPLATE, replicas: 1 }],
    [
      'DaemonSet',
      'DaemonSet',
      { selector: sel, template },
      { selector: sel, template: DEFAULTED_TEMPLATE, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
    ],
    ['DaemonSet OnDelete', 'DaemonSet', { selector: sel, template, updateStrategy: { type: 'OnDelete' } }, { selector: sel, template: DEFAULTED_TEMPLATE, updateStrategy: { type: 'OnDelete' }, revisionHistoryLimit: 10 }],
    [
      'StatefulSet',
      'StatefulSet',
      { selector: sel, serviceName: 's', template },
      {
        selector: sel,
        serviceName: 's',
        template: DEFAULTED_TEMPLATE,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    ],
  ];
  for (const [name, kind, spec, want] of table) it(name, () => { assert.deepEqual(specOf(kind, spec), want); });

  it('StatefulSet claim templates get PVC defaults', () => {
    const spec = specOf('StatefulSet', {
      selector: sel,
      template,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }],
    });
    assert.deepEqual(spec.volumeClaimTemplates, [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });
  it('StatefulSet OnDelete gets no rollingUpdate', () => {
    assert.deepEqual(specOf('StatefulSet', { selector: sel, template, updateStrategy: { type: 'OnDelete' } }).updateStrategy, { type: 'OnDelete' });
  });
  it('is idempotent', () => {
    const once = applyDefaults(apps('Deployment'), { spec: { selector: sel, template: structuredClone(template) } });
    assert.deepEqual(applyDefaults(apps('Deployment'), structuredClone(once)), once);
  });
});
