import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SelectorError } from './errors.js';
import { compileFieldSelector, fieldsOf, parseFieldSelectorFor, supportedFieldSelectors } from './field-sets.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'prod' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa', hostNetwork: true },
  status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }], nominatedNodeName: '' },
};

const coreEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-0.1', namespace: 'prod' },
  involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  source: { component: 'kubelet' },
  reportingComponent: 'kubelet',
  type: 'Normal',
};

const eventsV1Event = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'e2', namespace: 'prod' },
  regarding: { kind: 'Deployment', namespace: 'prod', name: 'web', uid: 'u2', apiVersion: 'apps/v1' },
  reason: 'ScalingReplicaSet',
  reportingController: 'deployment-controller',
  type: 'Normal',
};

describe('fieldsOf', () => {
  it('exposes the pod fields kube selects on', () => {
    assert.deepEqual(fieldsOf('', 'pods', pod), {
      'metadata.name': 'web-0',
      'metadata.namespace': 'prod',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'true',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
  });

  it('defaults absent pod fields to Go zero values', () => {
    const f = fieldsOf('', 'pods', { metadata: { name: 'p' } });
    assert.equal(f['spec.hostNetwork'], 'false');
    assert.equal(f['spec.nodeName'], '');
  });

  it('names event fields the core/v1 way for both event APIs', () => {
    const core = fieldsOf('', 'events', coreEvent);
    assert.equal(core['involvedObject.fieldPath'], 'spec.containers{web}');
    assert.equal(core.source, 'kubelet');
    const v1 = fieldsOf('events.k8s.io', 'events', eventsV1Event);
    assert.equal(v1['involvedObject.kind'], 'Deployment');
    assert.equal(v1.reportingComponent, 'deployment-controller');
    // With no deprecated source, "source" falls back to the reporting controller.
    assert.equal(v1.source, 'deployment-controller');
  });

  const simple: [string, string, Record<string, unknown>, string, string][] = [
    ['', 'secrets', { metadata: { name: 's' }, type: 'kubernetes.io/tls' }, 'type', 'kubernetes.io/tls'],
    ['', 'namespaces', { metadata: { name: 'ns' }, status: { phase: 'Terminating' } }, 'status.phase', 'Terminating'],
    ['', 'nodes', { metadata: { name: 'n' }, spec: { unschedulable: true } }, 'spec.unschedulable', 'true'],
    ['', 'nodes', { metadata: { name: 'n' }, spec: {} }, 'spec.unschedulable', 'false'],
    ['', 'replicationcontrollers', { metadata: { name: 'rc' }, status: { replicas: 3 } }, 'status.replicas', '3'],
    ['', 'services', { metadata: { name: 'svc' }, spec: { clusterIP: '10.96.0.1', type: 'ClusterIP' } }, 'spec.clusterIP', '10.96.0.1'],
    ['', 'services', { metadata: { name: 'svc' }, spec: { type: 'NodePort' } }, 'spec.type', 'NodePort'],
    ['batch', 'jobs', { metadata: { name: 'j' }, status: { succeeded: 2 } }, 'status.successful', '2'],
    ['batch', 'jobs', { metadata: { name: 'j' } }, 'status.successful', '0'],
    ['certificates.k8s.io', 'certificatesigningrequests', { metadata: { name: 'c' }, spec: { signerName: 'kubernetes.io/kubelet-serving' } }, 'spec.signerName', 'kubernetes.io/kubelet-serving'],
    ['', 'configmaps', { metadata: { name: 'cm', namespace: 'ns' } }, 'metadata.namespace', 'ns'],
  ];
  for (const [group, resource, o, field, value] of simple) {
    it(`${group}/${resource} ${field}`, () => {
      assert.equal(fieldsOf(group, resource, o)[field], value);
    });
  }
});

describe('supportedFieldSelectors', () => {
  const cases: [string, string, string[]][] = [
    ['', 'pods', ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName', 'spec.host']],
    ['', 'nodes', ['metadata.name', 'spec.unschedulable']],
    ['', 'namespaces', ['status.phase', 'metadata.name']],
    ['', 'secrets', ['type', 'metadata.namespace', 'metadata.name']],
    ['', 'services', ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type']],
    ['', 'replicationcontrollers', ['metadata.name', 'metadata.namespace', 'status.replicas']],
    ['batch', 'jobs', ['metadata.name', 'metadata.namespace', 'status.successful']],
    ['batch', 'cronjobs', ['metadata.name', 'metadata.namespace', 'status.successful']],
    ['', 'configmaps', ['metadata.name', 'metadata.namespace']],
    ['', 'persistentvolumeclaims', ['metadata.name', 'metadata.namespace']],
    ['apps', 'replicasets', ['metadata.name', 'metadata.namespace']],
    ['example.com', 'widgets', ['metadata.name', 'metadata.namespace']],
  ];
  for (const [group, resource, labels] of cases) {
    it(`${group}/${resource}`, () => {
      assert.deepEqual(supportedFieldSelectors(group, resource), labels);
    });
  }
  it('events: core/v1 names and the events.k8s.io names', () => {
    assert.ok(supportedFieldSelectors('', 'events').includes('involvedObject.uid'));
    assert.ok(supportedFieldSelectors('events.k8s.io', 'events').includes('regarding.name'));
    assert.ok(!supportedFieldSelectors('events.k8s.io', 'events').includes('involvedObject.name'));
  });
});

describe('parseFieldSelectorFor: unsupported labels', () => {
  const cases: [string, string, string, string][] = [
    ['', 'pods', 'spec.foo=x', 'field label not supported: spec.foo'],
    ['', 'nodes', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['', 'namespaces', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['', 'events', 'regarding.name=x', 'field label not supported: regarding.name'],
    ['events.k8s.io', 'events', 'involvedObject.name=x', 'field label not supported: involvedObject.name'],
    ['batch', 'jobs', 'status.active=1', 'field label "status.active" not supported for "Job"'],
    ['batch', 'cronjobs', 'spec.schedule=x', 'field label "spec.schedule" not supported for "CronJob"'],
    ['', 'configmaps', 'data.x=y', '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['apps', 'replicasets', 'status.replicas=1', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ];
  for (const [group, resource, selector, message] of cases) {
    it(`${group}/${resource} ${selector}`, () => {
      assert.throws(() => parseFieldSelectorFor(group, resource, selector), (e: unknown) => e instanceof SelectorError && e.message === message);
    });
  }
});

describe('compileFieldSelector', () => {
  const cases: [string, string, string, Record<string, unknown>, boolean][] = [
    ['', 'pods', 'spec.nodeName=node-1', pod, true],
    ['', 'pods', 'spec.host=node-1', pod, true],
    ['', 'pods', 'spec.nodeName=node-2', pod, false],
    ['', 'pods', 'status.phase!=Running', pod, false],
    ['', 'pods', 'status.phase=Running,metadata.namespace=prod', pod, true],
    ['', 'pods', 'spec.hostNetwork=true', pod, true],
    ['', 'pods', 'status.podIP=10.0.0.5', pod, true],
    ['', 'pods', 'metadata.name=web-0', pod, true],
    ['', 'pods', '', pod, true],
    ['', 'events', 'involvedObject.name=web-0,involvedObject.kind=Pod', coreEvent, true],
    ['', 'events', 'reason=Killing', coreEvent, false],
    ['events.k8s.io', 'events', 'regarding.name=web,reportingController=deployment-controller', eventsV1Event, true],
    ['events.k8s.io', 'events', 'regarding.kind=Pod', eventsV1Event, false],
    ['', 'secrets', 'type=Opaque', { metadata: { name: 's' }, type: 'Opaque' }, true],
    ['batch', 'jobs', 'status.successful=1', { metadata: { name: 'j' }, status: { succeeded: 1 } }, true],
    // Accepted for CronJobs but never populated: only the empty value matches.
    ['batch', 'cronjobs', 'status.successful=1', { metadata: { name: 'c' } }, false],
    ['', 'namespaces', 'metadata.name=default', { metadata: { name: 'default' } }, true],
    ['', 'nodes', 'spec.unschedulable=false', { metadata: { name: 'n' } }, true],
  ];
  for (const [group, resource, selector, o, expected] of cases) {
    it(`${group}/${resource} ${JSON.stringify(selector)} → ${expected}`, () => {
      assert.equal(compileFieldSelector(group, resource, selector)(o), expected);
    });
  }
});
