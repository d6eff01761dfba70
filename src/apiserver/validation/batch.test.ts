import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults } from '../defaults/index.js';
import { generateJobSelector, parseIndexes } from './batch.js';
import { createMessage, gvk, updateMessage } from './testing.js';

const JOB = gvk('batch', 'v1', 'Job');
const CJ = gvk('batch', 'v1', 'CronJob');
const m = (name = 'j') => ({ name, namespace: 'd', resourceVersion: '1', uid: 'u1' });
const tmpl = (restartPolicy = 'Never') => ({ spec: { restartPolicy, containers: [{ name: 'c', image: 'x' }] } });
const job = (spec: Record<string, unknown>) => ({ metadata: m(), spec: { template: tmpl(), ...spec } });
const J = (msg: string): string => `Job.batch "j" is invalid: ${msg}`;

describe('Job', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', job({}), 'OK'],
    ['restartPolicy Always', job({ template: tmpl('Always') }), J('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')],
    [
      'negative counts',
      job({ parallelism: -1, completions: -1, backoffLimit: -1 }),
      J(
        '[spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.completions: Invalid value: -1: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0]',
      ),
    ],
    ['manual selector needs a selector', job({ manualSelector: true }), J('spec.selector: Required value')],
    [
      'selector without manualSelector',
      job({ selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, ...tmpl() } }),
      J(
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "batch.kubernetes.io/controller-uid":"u1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      ),
    ],
    ['manual selector matching the template', job({ manualSelector: true, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, ...tmpl() } }), 'OK'],
    ['indexed', job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }), 'OK'],
    ['completionMode enum', job({ completionMode: 'Foo' }), J('spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"')],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(JOB, obj), want); });

  it('template is immutable', () => {
    const old = applyDefaults(JOB, job({}));
    generateJobSelector(old);
    const next = structuredClone(old) as { spec: { template: { spec: { containers: { image: string }[] } } } };
    const c = next.spec.template.spec.containers[0];
    if (c !== undefined) c.image = 'y';
    const msg = updateMessage(JOB, next, old);
    // kube prints the whole Go struct here; the value part is approximated (as JSON).
    assert.ok(msg.startsWith(J('spec.template: Invalid value: ')) && msg.endsWith(': field is immutable'), msg);
  });
  it('parallelism may change', () => {
    const old = applyDefaults(JOB, job({}));
    generateJobSelector(old);
    const next = structuredClone(old) as { spec: Record<string, unknown> };
    next.spec.parallelism = 4;
    assert.equal(updateMessage(JOB, next, old), 'OK');
  });
});

describe('generated selector', () => {
  it('adds the labels and selector kube generates', () => {
    const j: Record<string, unknown> = job({});
    generateJobSelector(j);
    assert.deepEqual((j.spec as Record<string, unknown>).selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
    assert.deepEqual((((j.spec as Record<string, unknown>).template as Record<string, unknown>).metadata as Record<string, unknown>).labels, {
      'job-name': 'j',
      'batch.kubernetes.io/job-name': 'j',
      'controller-uid': 'u1',
      'batch.kubernetes.io/controller-uid': 'u1',
    });
  });
  it('leaves manual selectors alone', () => {
    const j: Record<string, unknown> = job({ manualSelector: true });
    generateJobSelector(j);
    assert.equal((j.spec as Record<string, unknown>).selector, undefined);
  });
});

describe('completed indexes', () => {
  it('counts indexes and ranges', () => {
    assert.equal(parseIndexes('1,3-5', 10), 4);
    assert.throws(() => parseIndexes('5-3', 10));
    assert.throws(() => parseIndexes('10', 10));
  });
});

describe('CronJob', () => {
  const cj = (spec: Record<string, unknown>, name = 'c') => ({ metadata: m(name), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: tmpl('OnFailure') } }, ...spec } });
  const C = (msg: string): string => `CronJob.batch "c" is invalid: ${msg}`;
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', cj({}), 'OK'],
    ['descriptor', cj({ schedule: '@hourly' }), 'OK'],
    ['every', cj({ schedule: '@every 5m' }), 'OK'],
    ['names', cj({ schedule: '0 0 * JAN-MAR MON' }), 'OK'],
    ['schedule required', cj({ schedule: undefined }), C('spec.schedule: Required value')],
    ['one field', cj({ schedule: 'bogus' }), C('spec.schedule: Invalid value: "bogus": expected exactly 5 fields, found 1: [bogus]')],
    ['out of range', cj({ schedule: '61 * * * *' }), C('spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61')],
    ['TZ in schedule', cj({ schedule: 'TZ=UTC 0 * * * *' }), C('spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead')],
    ['timeZone', cj({ timeZone: 'Europe/Berlin' }), 'OK'],
    ['unknown timeZone', cj({ timeZone: 'Mars/Base' }), C('spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base')],
    ['concurrencyPolicy enum', cj({ concurrencyPolicy: 'Foo' }), C('spec.concurrencyPolicy: Unsupported value: "Foo": supported values: "Allow", "Forbid", "Replace"')],
    ['job template restartPolicy', cj({ jobTemplate: { spec: { template: tmpl('Always') } } }), C('spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(CJ, obj), want); });

  it('names leave room for the job suffix', () => {
    const name = 'c'.repeat(60);
    assert.equal(createMessage(CJ, cj({}, name)), `CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`);
  });
});
