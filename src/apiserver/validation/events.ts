/**
 * events.k8s.io/v1 Events. They share storage with core/v1 Events but are validated strictly:
 * eventTime, reporting fields and action are required and the deprecated fields must stay unset.
 * Field paths use the core/v1 names, as kube reports them.
 */
import { invalid, required, type FieldError } from './errors.js';
import { num, obj, objOrEmpty, strOr, type Obj } from './json.js';
import { validateImmutable, validateKubeObjectMeta, validateKubeObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { legacyValidateEvent, type EventView } from './core.js';
import type { KindValidator } from './types.js';

function view(ev: Obj): EventView {
  return {
    involvedNamespace: strOr(objOrEmpty(ev.regarding).namespace),
    eventTime: strOr(ev.eventTime),
    reportingController: strOr(ev.reportingController),
    reportingInstance: strOr(ev.reportingInstance),
    action: strOr(ev.action),
    reason: strOr(ev.reason),
    message: strOr(ev.note),
  };
}

function validateSeries(ev: Obj): FieldError[] {
  const series = obj(ev.series);
  if (series === undefined) return [];
  const errs: FieldError[] = [];
  if ((num(series.count) ?? 0) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (strOr(series.lastObservedTime) === '') errs.push(required('series.lastObservedTime'));
  return errs;
}

function validateEventCreate(ev: Obj): FieldError[] {
  const errs = legacyValidateEvent(ev, 'reportingController', view(ev));
  errs.push(...validateKubeObjectMeta(ev, true, nameIsDNSSubdomain));
  errs.push(...validateSeries(ev));
  if (strOr(ev.eventTime) === '') errs.push(required('eventTime'));
  const type = strOr(ev.type);
  if (type !== 'Normal' && type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${type}`));
  if (strOr(ev.deprecatedFirstTimestamp) !== '') errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
  if (strOr(ev.deprecatedLastTimestamp) !== '') errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
  if ((num(ev.deprecatedCount) ?? 0) !== 0) errs.push(invalid('count', '', 'needs to be unset'));
  const source = objOrEmpty(ev.deprecatedSource);
  if (strOr(source.component) !== '' || strOr(source.host) !== '') errs.push(invalid('source', '', 'needs to be unset'));
  return errs;
}

function validateEventUpdate(ev: Obj, old: Obj): FieldError[] {
  const errs = legacyValidateEvent(ev, 'reportingController', view(ev));
  errs.push(...validateKubeObjectMetaUpdate(ev, old));
  if (JSON.stringify(ev.series ?? null) !== JSON.stringify(old.series ?? null)) errs.push(...validateSeries(ev));
  const pairs: [string, string][] = [
    ['regarding', 'involvedObject'],
    ['reason', 'reason'],
    ['note', 'message'],
    ['deprecatedSource', 'source'],
    ['deprecatedFirstTimestamp', 'firstTimestamp'],
    ['deprecatedLastTimestamp', 'lastTimestamp'],
    ['deprecatedCount', 'count'],
    ['reason', 'reason'],
    ['type', 'type'],
    ['eventTime', 'eventTime'],
    ['action', 'action'],
    ['related', 'related'],
    ['reportingController', 'reportingController'],
    ['reportingInstance', 'reportingInstance'],
  ];
  for (const [k, path] of pairs) errs.push(...validateImmutable(ev[k], old[k], path));
  return errs;
}

export const eventsV1: KindValidator = {
  group: 'events.k8s.io',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateEventCreate,
  update: validateEventUpdate,
};
