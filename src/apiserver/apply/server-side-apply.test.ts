import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { KubeObject } from '../../api/object.js';
import { StatusError } from '../../api/status.js';
import { deepFreeze } from '../patch/testing/cases.js';
import { serverSideApply } from './server-side-apply.js';
import { builtinKind, customKind, Harness } from './testing.js';
import type { KindSchema } from './testing.js';

const podKind = (): KindSchema => builtinKind('', 'v1', 'Pod');
const deploymentKind = (): KindSchema => builtinKind('apps', 'v1', 'Deployment');

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', ...metadata }, spec };
}

const nginx = (container: Record<string, unknown> = {}): Record<string, unknown> => ({ containers: [{ name: 'nginx', image: 'nginx:1.25', ...container }] });

function deployment(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata }, spec };
}

type Step =
  | { readonly apply: string; readonly obj: unknown; readonly force?: boolean; readonly subresource?: string; readonly error?: ExpectedError }
  | { readonly update: string; readonly obj: KubeObject; readonly subresource?: string };

interface ExpectedError {
  readonly code: number;
  readonly message: string;
  readonly fields?: readonly string[];
}

interface Case {
  readonly name: string;
  readonly kind: () => KindSchema;
  readonly statusSubresource?: boolean;
  readonly steps: readonly Step[];
  /** The object after the last step, without managedFields. */
  readonly object?: KubeObject;
  /** `manager/Operation[/subresource]` → owned paths after the last step. */
  readonly owners?: Record<string, string[]>;
}

const C = '.spec.containers[name="nginx"]';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const cases: Case[] = [
  {
    name: 'create-on-apply records exactly the applied fields',
    kind: podKind,
    steps: [{ apply: 'kubectl', obj: pod(nginx(), { labels: { app: 'nginx' } }) }],
    object: pod(nginx(), { labels: { app: 'nginx' } }),
    owners: { 'kubectl/Apply': ['.metadata.labels.app', C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'a field dropped from the configuration is removed from the object',
    kind: podKind,
    steps: [
      { apply: 'kubectl', obj: pod(nginx({ command: ['sh'] }), { labels: { app: 'nginx', tier: 'web' } }) },
      { apply: 'kubectl', obj: pod(nginx(), { labels: { app: 'nginx' } }) },
    ],
    object: pod(nginx(), { labels: { app: 'nginx' } }),
    owners: { 'kubectl/Apply': ['.metadata.labels.app', C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'the last label dropped removes the labels map',
    kind: podKind,
    steps: [
      { apply: 'kubectl', obj: pod(nginx(), { labels: { app: 'nginx' } }) },
      { apply: 'kubectl', obj: pod(nginx()) },
    ],
    object: pod(nginx()),
  },
  {
    name: 'a field two appliers own stays until both drop it',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx(), { labels: { shared: 'x' } }) },
      { apply: 'b', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { shared: 'x' } } } },
      { apply: 'a', obj: pod(nginx()) },
    ],
    object: pod(nginx(), { labels: { shared: 'x' } }),
    owners: { 'a/Apply': [C, `${C}.image`, `${C}.name`], 'b/Apply': ['.metadata.labels.shared'] },
  },
  {
    name: 'the second owner dropping a shared field removes it',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx(), { labels: { shared: 'x' } }) },
      { apply: 'b', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { shared: 'x', own: 'y' } } } },
      { apply: 'a', obj: pod(nginx()) },
      { apply: 'b', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { own: 'y' } } } },
    ],
    object: pod(nginx(), { labels: { own: 'y' } }),
  },
  {
    name: 'changing a value another applier set is a conflict',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx()) },
      {
        apply: 'b',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: {
          code: 409,
          message: `Apply failed with 1 conflict: conflict with "a": ${C}.image`,
          fields: [`${C}.image`],
        },
      },
    ],
    object: pod(nginx()),
  },
  {
    name: 'force moves the conflicting field to the new applier',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx()) },
      { apply: 'b', obj: pod(nginx({ image: 'nginx:1.26' })), force: true },
    ],
    object: pod(nginx({ image: 'nginx:1.26' })),
    owners: { 'a/Apply': [C, `${C}.name`], 'b/Apply': [C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'conflicts with several fields are grouped by manager',
    kind: podKind,
    steps: [
      { apply: 'a', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { x: '1', y: '1' } } } },
      { apply: 'b', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { z: '1' } } } },
      {
        apply: 'c',
        obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { x: '2', y: '2', z: '2' } } },
        error: {
          code: 409,
          message: 'Apply failed with 3 conflicts: conflicts with "a":\n- .metadata.labels.x\n- .metadata.labels.y\nconflicts with "b":\n- .metadata.labels.z',
          fields: ['.metadata.labels.x', '.metadata.labels.y', '.metadata.labels.z'],
        },
      },
    ],
  },
  {
    name: 'applying the value another manager set shares it without conflict',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx()) },
      { apply: 'b', obj: pod(nginx()) },
    ],
    owners: { 'a/Apply': [C, `${C}.image`, `${C}.name`], 'b/Apply': [C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'an update takes the fields it changes from the applier',
    kind: deploymentKind,
    steps: [
      { apply: 'kubectl', obj: deployment({ replicas: 1, paused: false }) },
      { update: 'kube-controller-manager', obj: deployment({ replicas: 3, paused: false }) },
    ],
    owners: { 'kubectl/Apply': ['.spec.paused'], 'kube-controller-manager/Update': ['.spec.replicas'] },
  },
  {
    name: 'applying over an update conflicts with the updater at its version',
    kind: deploymentKind,
    steps: [
      { apply: 'kubectl', obj: deployment({ replicas: 1 }) },
      { update: 'kube-controller-manager', obj: deployment({ replicas: 3 }) },
      {
        apply: 'kubectl',
        obj: deployment({ replicas: 1 }),
        error: {
          code: 409,
          message: 'Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas',
          fields: ['.spec.replicas'],
        },
      },
    ],
    object: deployment({ replicas: 3 }),
  },
  {
    name: 'a create owns the whole object, and applying another value conflicts with it',
    kind: podKind,
    steps: [
      { update: 'kubectl-create', obj: pod(nginx()) },
      {
        apply: 'kubectl',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: {
          code: 409,
          message: `Apply failed with 1 conflict: conflict with "kubectl-create" using v1: ${C}.image`,
          fields: [`${C}.image`],
        },
      },
    ],
  },
  {
    name: 'map-list items merge by key; an applier drops only its own items',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod({ containers: [{ name: 'x', image: 'x' }, { name: 'y', image: 'y' }] }) },
      { apply: 'b', obj: pod({ containers: [{ name: 'z', image: 'z' }] }) },
      { apply: 'a', obj: pod({ containers: [{ name: 'x', image: 'x' }] }) },
    ],
    object: pod({ containers: [{ name: 'x', image: 'x' }, { name: 'z', image: 'z' }] }),
    owners: {
      'a/Apply': ['.spec.containers[name="x"]', '.spec.containers[name="x"].image', '.spec.containers[name="x"].name'],
      'b/Apply': ['.spec.containers[name="z"]', '.spec.containers[name="z"].image', '.spec.containers[name="z"].name'],
    },
  },
  {
    name: 'ports are keyed by containerPort and protocol, TCP when omitted',
    kind: podKind,
    steps: [
      { update: 'kubectl-create', obj: pod(nginx({ ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] })) },
      { apply: 'a', obj: pod(nginx({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'TCP' }] })) },
    ],
    object: pod(
      nginx({
        ports: [
          { containerPort: 80, protocol: 'TCP', name: 'http' },
          { containerPort: 53, protocol: 'UDP' },
          { containerPort: 53, protocol: 'TCP' },
        ],
      }),
    ),
    owners: {
      'a/Apply': [
        C,
        `${C}.image`,
        `${C}.name`,
        `${C}.ports[containerPort=53,protocol="TCP"]`,
        `${C}.ports[containerPort=80,protocol="TCP"]`,
        `${C}.ports[containerPort=53,protocol="TCP"].containerPort`,
        `${C}.ports[containerPort=53,protocol="TCP"].protocol`,
        `${C}.ports[containerPort=80,protocol="TCP"].containerPort`,
        `${C}.ports[containerPort=80,protocol="TCP"].name`,
      ],
      'kubectl-create/Update': [
        C,
        `${C}.image`,
        `${C}.name`,
        `${C}.ports`,
        `${C}.ports[containerPort=53,protocol="UDP"]`,
        `${C}.ports[containerPort=80,protocol="TCP"]`,
        `${C}.ports[containerPort=53,protocol="UDP"].containerPort`,
        `${C}.ports[containerPort=53,protocol="UDP"].protocol`,
        `${C}.ports[containerPort=80,protocol="TCP"].containerPort`,
        `${C}.ports[containerPort=80,protocol="TCP"].protocol`,
      ],
    },
  },
  {
    // structured-merge-diff's set test "apply_update_apply_no_overlap", with finalizers.
    name: 'set items of two managers interleave and are owned one by one',
    kind: podKind,
    steps: [
      { apply: 'default', obj: pod(nginx(), { finalizers: ['a', 'c'] }) },
      { update: 'controller', obj: pod(nginx(), { finalizers: ['a', 'b', 'c', 'd'] }) },
      { apply: 'default', obj: pod(nginx(), { finalizers: ['a', 'aprime', 'c', 'cprime'] }) },
    ],
    object: pod(nginx(), { finalizers: ['a', 'b', 'aprime', 'c', 'd', 'cprime'] }),
    owners: {
      'default/Apply': ['.metadata.finalizers[="a"]', '.metadata.finalizers[="aprime"]', '.metadata.finalizers[="c"]', '.metadata.finalizers[="cprime"]', C, `${C}.image`, `${C}.name`],
      'controller/Update': ['.metadata.finalizers[="b"]', '.metadata.finalizers[="d"]'],
    },
  },
  {
    name: 'reordering a set is no change of ownership, and re-applying restores the order',
    kind: podKind,
    steps: [
      { apply: 'default', obj: pod(nginx(), { finalizers: ['a', 'b', 'c', 'd'] }) },
      { update: 'controller', obj: pod(nginx(), { finalizers: ['a', 'd', 'c', 'b'] }) },
      { apply: 'default', obj: pod(nginx(), { finalizers: ['a', 'b', 'c', 'd'] }) },
    ],
    object: pod(nginx(), { finalizers: ['a', 'b', 'c', 'd'] }),
    owners: { 'default/Apply': ['.metadata.finalizers[="a"]', '.metadata.finalizers[="b"]', '.metadata.finalizers[="c"]', '.metadata.finalizers[="d"]', C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'an atomic list is owned and replaced as a whole',
    kind: podKind,
    steps: [
      { apply: 'a', obj: pod(nginx({ args: ['x', 'y'] })) },
      {
        apply: 'b',
        obj: pod(nginx({ args: ['z'] })),
        error: { code: 409, message: `Apply failed with 1 conflict: conflict with "a": ${C}.args`, fields: [`${C}.args`] },
      },
      { apply: 'b', obj: pod(nginx({ args: ['z'] })), force: true },
    ],
    object: pod(nginx({ args: ['z'] })),
    owners: { 'a/Apply': [C, `${C}.image`, `${C}.name`], 'b/Apply': [C, `${C}.args`, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'a granular map is owned key by key',
    kind: podKind,
    steps: [
      { apply: 'a', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', annotations: { x: '1' } } } },
      { apply: 'b', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', annotations: { y: '1' } } } },
    ],
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', annotations: { x: '1', y: '1' } } },
    owners: { 'a/Apply': ['.metadata.annotations.x'], 'b/Apply': ['.metadata.annotations.y'] },
  },
  {
    name: 'an atomic map (a label selector) is owned and replaced as a whole',
    kind: deploymentKind,
    steps: [
      { apply: 'a', obj: deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } }) },
      {
        apply: 'b',
        obj: deployment({ selector: { matchLabels: { app: 'web' } } }),
        error: { code: 409, message: 'Apply failed with 1 conflict: conflict with "a": .spec.selector', fields: ['.spec.selector'] },
      },
      { apply: 'b', obj: deployment({ selector: { matchLabels: { app: 'web' } } }), force: true },
    ],
    object: deployment({ selector: { matchLabels: { app: 'web' } } }),
    owners: { 'b/Apply': ['.spec.selector'] },
  },
  {
    name: 'status writes are recorded with the status subresource and only for .status',
    kind: podKind,
    statusSubresource: true,
    steps: [
      { apply: 'kubectl', obj: pod(nginx()) },
      { update: 'kubelet', obj: { ...pod(nginx({ image: 'ignored' })), status: { phase: 'Running' } }, subresource: 'status' },
    ],
    owners: { 'kubectl/Apply': [C, `${C}.image`, `${C}.name`], 'kubelet/Update/status': ['.status.phase'] },
  },
  {
    name: 'an apply to /status owns status fields with the status subresource',
    kind: podKind,
    statusSubresource: true,
    steps: [
      { apply: 'kubectl', obj: pod(nginx()) },
      { apply: 'controller', obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, status: { phase: 'Running' } }, subresource: 'status' },
    ],
    owners: { 'controller/Apply/status': ['.status.phase'], 'kubectl/Apply': [C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'status in a write to the resource is not recorded when the kind has /status',
    kind: podKind,
    statusSubresource: true,
    steps: [{ apply: 'kubectl', obj: { ...pod(nginx()), status: { phase: 'Running' } } }],
    owners: { 'kubectl/Apply': [C, `${C}.image`, `${C}.name`] },
  },
  {
    name: 'an object nobody manages gives its fields to before-first-apply',
    kind: podKind,
    steps: [
      // An update of an object without managedFields is not tracked (the object has a uid).
      { update: 'controller', obj: pod(nginx(), { uid: 'u', labels: { a: 'b' } }) },
      {
        apply: 'kubectl',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: {
          code: 409,
          message: `Apply failed with 1 conflict: conflict with "before-first-apply" using v1: ${C}.image`,
          fields: [`${C}.image`],
        },
      },
    ],
  },
  {
    name: 'custom resource with a schema: map-lists by key, atomic lists, preserved unknown fields deduced',
    kind: widgetKind,
    steps: [{ apply: 'a', obj: widget({ size: 1, tags: ['x'], items: [{ name: 'i', value: '1' }], config: { nested: { deep: 1 } } }) }],
    object: widget({ size: 1, tags: ['x'], items: [{ name: 'i', value: '1' }], config: { nested: { deep: 1 } } }),
    owners: {
      'a/Apply': [
        '.spec.size',
        '.spec.tags',
        '.spec.config.nested',
        '.spec.config.nested.deep',
        '.spec.items[name="i"]',
        '.spec.items[name="i"].name',
        '.spec.items[name="i"].value',
      ],
    },
  },
  {
    name: 'custom resource with a schema: list items of two appliers merge by key',
    kind: widgetKind,
    steps: [
      { apply: 'a', obj: widget({ items: [{ name: 'i', value: '1' }] }) },
      { apply: 'b', obj: widget({ items: [{ name: 'j', value: '2' }] }) },
      {
        apply: 'b',
        obj: widget({ items: [{ name: 'i', value: '3' }, { name: 'j', value: '2' }] }),
        error: { code: 409, message: 'Apply failed with 1 conflict: conflict with "a": .spec.items[name="i"].value', fields: ['.spec.items[name="i"].value'] },
      },
    ],
    object: widget({ items: [{ name: 'i', value: '1' }, { name: 'j', value: '2' }] }),
  },
  {
    name: 'custom resource without a schema: maps granular, lists atomic',
    kind: schemalessKind,
    steps: [
      { apply: 'a', obj: { ...widget({ size: 1, list: [1, 2] }), metadata: { name: 'w1', labels: { x: 'y' } } } },
      {
        apply: 'b',
        obj: widget({ list: [3] }),
        error: { code: 409, message: 'Apply failed with 1 conflict: conflict with "a": .spec.list', fields: ['.spec.list'] },
      },
      { apply: 'b', obj: widget({ other: true }) },
    ],
    object: { ...widget({ size: 1, list: [1, 2], other: true }), metadata: { name: 'w1', labels: { x: 'y' } } },
    owners: {
      'a/Apply': ['.spec', '.metadata.labels', '.metadata.labels.x', '.spec.list', '.spec.size'],
      'b/Apply': ['.spec', '.spec.other'],
    },
  },
  {
    name: 'kubectl taking over a client-side applied object with its own values',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: clientSideApplied(pod(nginx())) },
      { apply: 'kubectl', obj: pod(nginx()) },
    ],
    object: { ...pod(nginx()), metadata: { name: 'nginx', annotations: { [LAST_APPLIED]: `${JSON.stringify(sorted(pod(nginx())))}\n` } } },
    owners: {
      'kubectl/Apply': [C, `${C}.image`, `${C}.name`],
      'kubectl-client-side-apply/Update': [`.metadata.annotations`, `.metadata.annotations.${LAST_APPLIED}`, C, `${C}.image`, `${C}.name`],
    },
  },
  {
    name: 'kubectl changing a value the last-applied configuration still has is not a conflict',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: clientSideApplied(pod(nginx())) },
      { apply: 'kubectl', obj: pod(nginx({ image: 'nginx:1.26' })) },
    ],
    owners: {
      'kubectl/Apply': [C, `${C}.image`, `${C}.name`],
      'kubectl-client-side-apply/Update': [`.metadata.annotations`, `.metadata.annotations.${LAST_APPLIED}`, C, `${C}.name`],
    },
  },
  {
    name: 'kubectl apply --server-side after kubectl apply, with kubectl’s second patch for the annotation',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: clientSideApplied(pod(nginx())) },
      { apply: 'kubectl', obj: pod(nginx({ image: 'nginx:1.26' })) },
      {
        apply: 'kubectl-last-applied',
        obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', annotations: { [LAST_APPLIED]: `${JSON.stringify(sorted(pod(nginx({ image: 'nginx:1.26' }))))}\n` } } },
      },
    ],
    object: { ...pod(nginx({ image: 'nginx:1.26' })), metadata: { name: 'nginx', annotations: { [LAST_APPLIED]: `${JSON.stringify(sorted(pod(nginx({ image: 'nginx:1.26' }))))}\n` } } },
    owners: {
      'kubectl/Apply': [C, `${C}.image`, `${C}.name`],
      'kubectl-last-applied/Apply': [`.metadata.annotations.${LAST_APPLIED}`],
      'kubectl-client-side-apply/Update': [`.metadata.annotations`, `.metadata.annotations.${LAST_APPLIED}`, C, `${C}.name`],
    },
  },
  {
    name: 'another manager changing a client-side applied value conflicts with kubectl-client-side-apply',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: clientSideApplied(pod(nginx())) },
      {
        apply: 'other',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: {
          code: 409,
          message: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: ${C}.image`,
          fields: [`${C}.image`],
        },
      },
      // The same values are shared without conflict.
      { apply: 'other', obj: pod(nginx()) },
    ],
  },
  {
    name: 'kubectl changing a value someone changed since the client-side apply conflicts',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: clientSideApplied(pod(nginx())) },
      { update: 'kubectl-edit', obj: clientSideApplied(pod(nginx()), pod(nginx({ image: 'nginx:1.27' }))) },
      {
        apply: 'kubectl',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: { code: 409, message: `Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: ${C}.image`, fields: [`${C}.image`] },
      },
    ],
  },
  {
    name: 'without the last-applied annotation kubectl conflicts like anyone else',
    kind: podKind,
    steps: [
      { update: 'kubectl-client-side-apply', obj: pod(nginx()) },
      {
        apply: 'kubectl',
        obj: pod(nginx({ image: 'nginx:1.26' })),
        error: {
          code: 409,
          message: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: ${C}.image`,
          fields: [`${C}.image`],
        },
      },
    ],
  },
];


/** Object keys sorted recursively, as Go's JSON encoder writes maps. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
  );
}

/** What `kubectl apply` (client-side) writes: `obj` annotated with the configuration `config`. */
function clientSideApplied(config: KubeObject, obj: KubeObject = config): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { [LAST_APPLIED]: JSON.stringify(config) } } };
}

function widgetKind(): KindSchema {
  return customKind('example.com', 'v1', 'Widget', {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          size: { type: 'integer' },
          tags: { type: 'array', items: { type: 'string' } },
          items: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, value: { type: 'string' } } },
          },
          config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  });
}

function schemalessKind(): KindSchema {
  return customKind('example.com', 'v1', 'Widget', undefined);
}

function widget(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec };
}

/** Stores `obj` as a live object nobody manages, bypassing recordUpdate. */
function unmanaged(h: Harness, obj: KubeObject): void {
  h.live = structuredClone(obj);
}

function run(c: Case): Harness {
  const h = new Harness(c.kind(), c.statusSubresource === undefined ? {} : { statusSubresource: c.statusSubresource });
  for (const step of c.steps) {
    if ('update' in step) {
      if (step.obj.metadata?.uid !== undefined && h.live === undefined) unmanaged(h, step.obj);
      else h.update(step.update, step.obj, step.subresource === undefined ? {} : { subresource: step.subresource });
      continue;
    }
    const options = { force: step.force ?? false, ...(step.subresource === undefined ? {} : { subresource: step.subresource }) };
    if (step.error === undefined) {
      h.apply(step.apply, step.obj, options);
      continue;
    }
    const expected = step.error;
    assert.throws(
      () => h.apply(step.apply, step.obj, options),
      (e: unknown) => {
        assert.ok(e instanceof StatusError, String(e));
        assert.equal(e.code, expected.code);
        assert.equal(e.message, expected.message);
        if (expected.fields !== undefined) {
          assert.deepEqual(
            e.details?.causes?.map((cause) => cause.field),
            expected.fields,
          );
          assert.ok(e.details.causes.every((cause) => cause.reason === 'FieldManagerConflict'));
        }
        return true;
      },
    );
  }
  return h;
}

describe('serverSideApply scenarios', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = run(c);
      if (c.object !== undefined) assert.deepEqual(h.object(), c.object);
      if (c.owners !== undefined) assert.deepEqual(h.owners(), c.owners);
    });
  }
});

describe('serverSideApply bookkeeping', () => {
  it('writes entries as kube does: manager, operation, apiVersion, time, fieldsType, fieldsV1', () => {
    const h = new Harness(podKind());
    h.apply('kubectl', pod(nginx(), { labels: { app: 'nginx' } }));
    assert.deepEqual(h.live?.metadata?.managedFields, [
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: h.lastTime,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    ]);
    assert.deepEqual(Object.keys(h.live.metadata.managedFields[0] ?? {}), ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
  });

  it('re-applying the same configuration changes nothing, not even the time', () => {
    const h = new Harness(podKind());
    h.apply('kubectl', pod(nginx(), { labels: { app: 'nginx' } }));
    const before = structuredClone(h.live);
    h.apply('kubectl', pod(nginx(), { labels: { app: 'nginx' } }));
    assert.deepEqual(h.live, before);
  });

  it('a change stamps the applier with the time of the write', () => {
    const h = new Harness(podKind());
    h.apply('kubectl', pod(nginx()));
    const first = h.entry('kubectl')?.time;
    h.apply('kubectl', pod(nginx({ image: 'nginx:1.26' })));
    assert.notEqual(h.entry('kubectl')?.time, first);
    assert.equal(h.entry('kubectl')?.time, h.lastTime);
  });

  it('a second applier of identical values gets an entry without time (kube 1.32)', () => {
    const h = new Harness(podKind());
    h.apply('a', pod(nginx()));
    h.apply('b', pod(nginx()));
    assert.equal(h.entry('b')?.time, undefined);
    assert.ok(h.entry('a')?.time);
  });

  it('taking a field over does not touch the previous owner’s time', () => {
    const h = new Harness(podKind());
    h.apply('a', pod(nginx()));
    const aTime = h.entry('a')?.time;
    h.apply('b', pod(nginx({ image: 'nginx:1.26' })), { force: true });
    assert.equal(h.entry('a')?.time, aTime);
  });

  it('sorts entries: Apply before Update, then by time, then by manager', () => {
    const h = new Harness(podKind());
    h.update('creator', pod(nginx()));
    h.apply('z', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { z: '1' } } });
    h.apply('y', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { y: '1' } } });
    assert.deepEqual(
      h.live?.metadata?.managedFields?.map((e) => `${e.manager ?? ''}/${e.operation ?? ''}`),
      ['z/Apply', 'y/Apply', 'creator/Update'],
    );
  });

  it('never mutates its inputs and returns a fresh object', () => {
    const h = new Harness(podKind());
    h.apply('a', pod(nginx(), { labels: { a: '1' } }));
    const live = deepFreeze(structuredClone(h.live));
    const applied = deepFreeze(pod(nginx({ args: ['x'] })));
    const out = serverSideApply({
      live,
      applied,
      manager: 'a',
      force: false,
      schema: h.kind.schema,
      resolver: h.kind.resolver,
      now: new Date('2024-06-01T00:00:00Z'),
      gvk: h.kind.gvk,
      builtin: true,
    });
    assert.deepEqual((out.spec as { containers: unknown[] }).containers, [{ name: 'nginx', image: 'nginx:1.25', args: ['x'] }]);
    (out.spec as { containers: Record<string, unknown>[] }).containers[0]!['image'] = 'changed';
    assert.equal(applied.spec !== undefined && JSON.stringify(applied.spec).includes('changed'), false);
  });

  it('drops struct fields set to null (creationTimestamp: null in a generated manifest)', () => {
    const h = new Harness(deploymentKind());
    h.apply('kubectl', deployment({ template: { metadata: { creationTimestamp: null, labels: { app: 'web' } } } }, { creationTimestamp: null }));
    assert.deepEqual(h.object(), deployment({ template: { metadata: { labels: { app: 'web' } } } }));
    assert.deepEqual(h.owners()['kubectl/Apply'], ['.spec.template.metadata.creationTimestamp', '.spec.template.metadata.labels.app']);
  });

  it('keeps the key order of the live object and appends new members', () => {
    const h = new Harness(podKind());
    h.apply('a', pod(nginx(), { labels: { b: '1', a: '1' } }));
    h.apply('a', pod(nginx(), { labels: { c: '1', b: '1', a: '1' } }));
    assert.deepEqual(Object.keys(h.object().metadata?.labels ?? {}), ['b', 'a', 'c']);
  });
});

interface ErrorCase {
  readonly name: string;
  readonly applied: unknown;
  readonly live?: KubeObject;
  readonly url?: { readonly name?: string; readonly namespace?: string };
  readonly code: number;
  readonly reason: string;
  readonly message: string;
}

const errorCases: ErrorCase[] = [
  {
    name: 'a list body',
    applied: [pod(nginx())],
    code: 400,
    reason: 'BadRequest',
    message: 'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
  },
  {
    name: 'a string body',
    applied: 'pod',
    code: 400,
    reason: 'BadRequest',
    message: 'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}',
  },
  { name: 'an empty body', applied: null, code: 400, reason: 'BadRequest', message: 'invalid object type: /, Kind=' },
  { name: 'another group', applied: { ...pod(nginx()), apiVersion: 'apps/v1' }, code: 400, reason: 'BadRequest', message: 'invalid object type: apps/v1, Kind=Pod' },
  { name: 'another kind', applied: { ...pod(nginx()), kind: 'Service' }, code: 400, reason: 'BadRequest', message: 'invalid object type: /v1, Kind=Service' },
  {
    name: 'no name on create',
    applied: { apiVersion: 'v1', kind: 'Pod', spec: nginx() },
    url: { name: 'nginx' },
    code: 400,
    reason: 'BadRequest',
    message: 'the name of the object () does not match the name on the URL (nginx)',
  },
  {
    name: 'another name',
    applied: pod(nginx(), { name: 'other' }),
    url: { name: 'nginx' },
    code: 400,
    reason: 'BadRequest',
    message: 'the name of the object (other) does not match the name on the URL (nginx)',
  },
  {
    name: 'another namespace',
    applied: pod(nginx(), { namespace: 'kube-system' }),
    url: { name: 'nginx', namespace: 'default' },
    code: 400,
    reason: 'BadRequest',
    message: 'the namespace of the provided object does not match the namespace sent on the request',
  },
  {
    name: 'managedFields in the body',
    applied: pod(nginx(), { managedFields: [{ manager: 'x' }] }),
    code: 400,
    reason: 'BadRequest',
    message: 'metadata.managedFields must be nil',
  },
  {
    name: 'a field the schema does not declare',
    applied: pod({ ...nginx(), bogus: 1 }, { namespace: 'default' }),
    code: 500,
    reason: '',
    message: 'failed to create typed patch object (default/nginx; /v1, Kind=Pod): .spec.bogus: field not declared in schema',
  },
  {
    name: 'a value of the wrong type',
    applied: pod(nginx({ image: 1 })),
    code: 500,
    reason: '',
    message: `failed to create typed patch object (/nginx; /v1, Kind=Pod): ${C}.image: expected string, got &value.valueUnstructured{Value:1}`,
  },
  {
    name: 'a number field given a string',
    applied: pod({ ...nginx(), priority: 'high' }),
    code: 500,
    reason: '',
    message: 'failed to create typed patch object (/nginx; /v1, Kind=Pod): .spec.priority: expected numeric (int or float), got string',
  },
  {
    name: 'two items with the same key',
    applied: pod({ containers: [{ name: 'nginx' }, { name: 'nginx' }] }),
    code: 500,
    reason: '',
    message: 'failed to create typed patch object (/nginx; /v1, Kind=Pod): .spec.containers: duplicate entries for key [name="nginx"]',
  },
  {
    name: 'an item without its key',
    applied: pod({ containers: [{ image: 'nginx' }] }),
    code: 500,
    reason: '',
    message:
      'failed to create typed patch object (/nginx; /v1, Kind=Pod): .spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
  },
  {
    name: 'several errors',
    applied: pod({ ...nginx(), bogus: 1 }, { labels: { a: 1 } }),
    code: 500,
    reason: '',
    message: 'failed to create typed patch object (/nginx; /v1, Kind=Pod): errors:\n  .metadata.labels.a: expected string, got &value.valueUnstructured{Value:1}\n  .spec.bogus: field not declared in schema',
  },
  {
    name: 'stored managedFields kube cannot decode',
    applied: pod(nginx()),
    live: pod(nginx(), { uid: 'u', managedFields: [{ manager: 'x', operation: 'Patch', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }] }),
    code: 500,
    reason: '',
    message: 'failed to decode managed fields: operation must be `Apply` or `Update`',
  },
];

describe('serverSideApply errors', () => {
  for (const c of errorCases) {
    it(c.name, () => {
      const kind = podKind();
      assert.throws(
        () =>
          serverSideApply({
            live: c.live,
            applied: c.applied,
            manager: 'kubectl',
            force: false,
            schema: kind.schema,
            resolver: kind.resolver,
            now: new Date('2024-06-01T00:00:00Z'),
            gvk: kind.gvk,
            builtin: true,
            ...c.url,
          }),
        (e: unknown) => {
          assert.ok(e instanceof StatusError, String(e));
          assert.deepEqual([e.code, e.reason, e.message], [c.code, c.reason, c.message]);
          return true;
        },
      );
    });
  }

  it('fills in the namespace of the URL, and clears it for cluster-scoped kinds', () => {
    const kind = podKind();
    const base = { manager: 'kubectl', force: false, schema: kind.schema, resolver: kind.resolver, now: new Date(), gvk: kind.gvk, builtin: true, live: undefined };
    assert.equal(serverSideApply({ ...base, applied: pod(nginx()), name: 'nginx', namespace: 'default' }).metadata?.namespace, 'default');
    assert.equal(serverSideApply({ ...base, applied: pod(nginx(), { namespace: 'x' }), namespace: '' }).metadata?.namespace, undefined);
  });
});
