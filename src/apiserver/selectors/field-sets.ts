/**
 * Which field selectors each built-in resource accepts and the field values an object exposes to
 * them: kube's field-label conversion functions (pkg/apis/<group>/<version>/conversion.go) and the
 * registry's ToSelectableFields. Resources without a conversion function accept only
 * metadata.name and metadata.namespace.
 */
import { goQuote } from '../validation/go-format.js';
import { SelectorError } from './errors.js';
import { parseFieldSelector, transformFieldSelector, type FieldSelector } from './fields.js';

type Obj = Record<string, unknown>;

interface FieldSpec {
  /** Accepted labels, in kube's order, mapped to the label they are matched as. */
  readonly labels: ReadonlyMap<string, string>;
  /** The error for a label outside `labels`. */
  readonly unsupported: (label: string) => string;
  readonly fields: (o: Obj) => Record<string, string>;
}

const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const n = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(Math.trunc(v)) : '0');
const b = (v: unknown): string => (v === true ? 'true' : 'false');

function metaFields(obj: Obj): Record<string, string> {
  const m = o(obj.metadata);
  return { 'metadata.name': s(m.name), 'metadata.namespace': s(m.namespace) };
}

const notSupported = (label: string): string => `field label not supported: ${label}`;

function identity(...labels: string[]): Map<string, string> {
  return new Map(labels.map((l) => [l, l]));
}

const DEFAULT_SPEC: FieldSpec = {
  labels: identity('metadata.name', 'metadata.namespace'),
  unsupported: (label) =>
    `${goQuote(label)} is not a known field selector: only ${goQuote('metadata.name')}, ${goQuote('metadata.namespace')}`,
  fields: metaFields,
};

function podFields(obj: Obj): Record<string, string> {
  const spec = o(obj.spec);
  const status = o(obj.status);
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
  // v1 keeps podIP and podIPs in step; the internal object kube matches on only has podIPs.
  const podIP = podIPs.length > 0 ? s(o(podIPs[0]).ip) : s(status.podIP);
  return {
    ...metaFields(obj),
    'spec.nodeName': s(spec.nodeName),
    'spec.restartPolicy': s(spec.restartPolicy),
    'spec.schedulerName': s(spec.schedulerName),
    'spec.serviceAccountName': s(spec.serviceAccountName),
    'spec.hostNetwork': b(spec.hostNetwork),
    'status.phase': s(status.phase),
    'status.podIP': podIP,
    'status.nominatedNodeName': s(status.nominatedNodeName),
  };
}

/** Fields of an Event in either wire form (core/v1 or events.k8s.io/v1), named as core/v1 names them. */
function eventFields(obj: Obj): Record<string, string> {
  const isEventsV1 = s(obj.apiVersion).startsWith('events.k8s.io/') || ('regarding' in obj && !('involvedObject' in obj));
  const ref = o(isEventsV1 ? obj.regarding : obj.involvedObject);
  const reportingController = s(isEventsV1 ? obj.reportingController : obj.reportingComponent);
  const sourceComponent = s(o(isEventsV1 ? obj.deprecatedSource : obj.source).component);
  return {
    ...metaFields(obj),
    'involvedObject.kind': s(ref.kind),
    'involvedObject.namespace': s(ref.namespace),
    'involvedObject.name': s(ref.name),
    'involvedObject.uid': s(ref.uid),
    'involvedObject.apiVersion': s(ref.apiVersion),
    'involvedObject.resourceVersion': s(ref.resourceVersion),
    'involvedObject.fieldPath': s(ref.fieldPath),
    reason: s(obj.reason),
    reportingComponent: reportingController,
    source: sourceComponent !== '' ? sourceComponent : reportingController,
    type: s(obj.type),
  };
}

const EVENT_LABELS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
];

function jobSpec(kind: string, fields: (obj: Obj) => Record<string, string>): FieldSpec {
  return {
    labels: identity('metadata.name', 'metadata.namespace', 'status.successful'),
    unsupported: (label) => `field label ${goQuote(label)} not supported for ${goQuote(kind)}`,
    fields,
  };
}

const SPECS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  [
    '/pods',
    {
      labels: new Map([
        ...identity(
          'metadata.name',
          'metadata.namespace',
          'spec.nodeName',
          'spec.restartPolicy',
          'spec.schedulerName',
          'spec.serviceAccountName',
          'spec.hostNetwork',
          'status.phase',
          'status.podIP',
          'status.podIPs',
          'status.nominatedNodeName',
        ),
        // Old v1 clients send spec.host.
        ['spec.host', 'spec.nodeName'],
      ]),
      unsupported: notSupported,
      fields: podFields,
    },
  ],
  [
    '/nodes',
    {
      labels: identity('metadata.name', 'spec.unschedulable'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), 'spec.unschedulable': b(o(obj.spec).unschedulable) }),
    },
  ],
  [
    '/replicationcontrollers',
    {
      labels: identity('metadata.name', 'metadata.namespace', 'status.replicas'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), 'status.replicas': n(o(obj.status).replicas) }),
    },
  ],
  ['/events', { labels: identity(...EVENT_LABELS), unsupported: notSupported, fields: eventFields }],
  [
    'events.k8s.io/events',
    {
      labels: new Map([
        ['reason', 'reason'],
        ['regarding.kind', 'involvedObject.kind'],
        ['regarding.namespace', 'involvedObject.namespace'],
        ['regarding.name', 'involvedObject.name'],
        ['regarding.uid', 'involvedObject.uid'],
        ['regarding.apiVersion', 'involvedObject.apiVersion'],
        ['regarding.resourceVersion', 'involvedObject.resourceVersion'],
        ['regarding.fieldPath', 'involvedObject.fieldPath'],
        ['reportingController', 'reportingComponent'],
        ['source', 'source'],
        ['type', 'type'],
        ['metadata.namespace', 'metadata.namespace'],
        ['metadata.name', 'metadata.name'],
      ]),
      unsupported: notSupported,
      fields: eventFields,
    },
  ],
  [
    '/namespaces',
    {
      labels: identity('status.phase', 'metadata.name'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), 'status.phase': s(o(obj.status).phase), name: s(o(obj.metadata).name) }),
    },
  ],
  [
    '/secrets',
    {
      labels: identity('type', 'metadata.namespace', 'metadata.name'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), type: s(obj.type) }),
    },
  ],
  [
    '/services',
    {
      labels: identity('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), 'spec.clusterIP': s(o(obj.spec).clusterIP), 'spec.type': s(o(obj.spec).type) }),
    },
  ],
  ['batch/jobs', jobSpec('Job', (obj) => ({ ...metaFields(obj), 'status.successful': n(o(obj.status).succeeded) }))],
  // CronJobs accept status.successful but expose no such field, so it only ever matches "".
  ['batch/cronjobs', jobSpec('CronJob', metaFields)],
  [
    'certificates.k8s.io/certificatesigningrequests',
    {
      labels: identity('metadata.name', 'spec.signerName'),
      unsupported: notSupported,
      fields: (obj) => ({ ...metaFields(obj), 'spec.signerName': s(o(obj.spec).signerName) }),
    },
  ],
]);

function specFor(group: string, resource: string): FieldSpec {
  return SPECS.get(`${group}/${resource}`) ?? DEFAULT_SPEC;
}

/** The field labels `?fieldSelector=` may use on this resource, in kube's order. */
export function supportedFieldSelectors(group: string, resource: string): readonly string[] {
  return [...specFor(group, resource).labels.keys()];
}

/** The values an object exposes to field selectors (kube's selectable field set). */
export function fieldsOf(group: string, resource: string, obj: Record<string, unknown>): Record<string, string> {
  return specFor(group, resource).fields(obj);
}

/** ConvertFieldLabel: the label to match on, or a SelectorError with kube's message. */
export function convertFieldLabel(group: string, resource: string, label: string, value: string): [string, string] {
  const spec = specFor(group, resource);
  const mapped = spec.labels.get(label);
  if (mapped === undefined) throw new SelectorError(spec.unsupported(label));
  return [mapped, value];
}

/** Parses `?fieldSelector=` and checks every label against what the resource supports. */
export function parseFieldSelectorFor(group: string, resource: string, selector: string): FieldSelector {
  return transformFieldSelector(parseFieldSelector(selector), (label, value) => convertFieldLabel(group, resource, label, value));
}

export type ObjectMatcher = (obj: Record<string, unknown>) => boolean;

/** A predicate over stored objects for `?fieldSelector=`; "" matches everything. */
export function compileFieldSelector(group: string, resource: string, selector: string): ObjectMatcher {
  const sel = parseFieldSelectorFor(group, resource, selector);
  if (sel.empty) return () => true;
  return (obj) => sel.matches(fieldsOf(group, resource, obj));
}
