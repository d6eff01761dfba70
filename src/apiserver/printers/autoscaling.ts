/** Printers of the autoscaling group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { at, int, isObject, name, obj, objects, optInt, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';
import { formatQuantity } from './quantity.js';

/** `Quantity.String()` of an optional quantity pointer (`<nil>` when unset, as Go prints it). */
function quantity(value: unknown): string {
  if (typeof value === 'string') return formatQuantity(value);
  if (typeof value === 'number' && Number.isFinite(value)) return formatQuantity(String(value));
  return '<nil>';
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/**
 * Metric specs and statuses as the internal (v2) type holds them: an autoscaling/v1 object's CPU
 * target converts to a Resource metric on cpu.
 */
function metrics(spec: Json, status: Json): { specs: Json[]; statuses: Json[] } {
  if ('targetCPUUtilizationPercentage' in spec || 'currentCPUUtilizationPercentage' in status) {
    const target = optInt(spec['targetCPUUtilizationPercentage']);
    const current = optInt(status['currentCPUUtilizationPercentage']);
    const specs = target === undefined
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
    const statuses = current === undefined
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    return { specs, statuses };
  }
  return { specs: objects(spec['metrics']), statuses: objects(status['currentMetrics']) };
}

function valueTarget(target: Json, current: Json | undefined, field: 'averageValue' | 'value'): string {
  const cur = current !== undefined && (field === 'value' || isSet(current[field]))
    ? quantity(current[field])
    : '<unknown>';
  return `${cur}/${quantity(target[field])}`;
}

/** `resource: current/target` of a Resource or ContainerResource metric. */
function resourceMetric(source: Json, status: Json | undefined): string {
  const resource = str(source['name']);
  const target = obj(source['target']);
  const current = status === undefined ? undefined : obj(status['current']);
  if (isSet(target['averageValue'])) {
    const cur = current === undefined ? '<unknown>' : quantity(current['averageValue']);
    return `${resource}: ${cur}/${quantity(target['averageValue'])}`;
  }
  const curUtil = current === undefined ? undefined : optInt(current['averageUtilization']);
  const targetUtil = optInt(target['averageUtilization']);
  return `${resource}: ${curUtil === undefined ? '<unknown>' : `${curUtil}%`}/${
    targetUtil === undefined ? '<auto>' : `${targetUtil}%`}`;
}

/** `formatHPAMetrics`: two metrics at most, then `+ N more...`. */
function formatMetrics(specs: Json[], statuses: Json[]): string {
  if (specs.length === 0) return '<none>';
  const out = specs.map((spec, i) => {
    const status = statuses[i];
    const field = (key: string): Json | undefined => {
      const v = status?.[key];
      return isObject(v) ? v : undefined;
    };
    switch (spec['type']) {
      case 'External': {
        const target = obj(at(spec, 'external', 'target'));
        const current = field('external');
        if (isSet(target['averageValue'])) {
          return `${valueTarget(target, current === undefined ? undefined : obj(current['current']), 'averageValue')} (avg)`;
        }
        return valueTarget(target, current === undefined ? undefined : obj(current['current']), 'value');
      }
      case 'Pods': {
        const target = obj(at(spec, 'pods', 'target'));
        const current = field('pods');
        const cur = current === undefined ? '<unknown>' : quantity(at(current, 'current', 'averageValue'));
        return `${cur}/${quantity(target['averageValue'])}`;
      }
      case 'Object': {
        const target = obj(at(spec, 'object', 'target'));
        const current = field('object');
        if (isSet(target['averageValue'])) {
          return `${valueTarget(target, current === undefined ? undefined : obj(current['current']), 'averageValue')} (avg)`;
        }
        return valueTarget(target, current === undefined ? undefined : obj(current['current']), 'value');
      }
      case 'Resource':
        return resourceMetric(obj(spec['resource']), field('resource'));
      case 'ContainerResource':
        return resourceMetric(obj(spec['containerResource']), field('containerResource'));
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  const text = out.slice(0, max).join(', ');
  return out.length > max ? `${text} + ${out.length - max} more...` : text;
}

const horizontalPodAutoscaler: Printer = {
  columns: [
    nameColumn,
    column('Reference', 'string', doc.hpaSpecScaleTargetRef),
    column('Targets', 'string', doc.hpaSpecMetrics),
    column('MinPods', 'string', doc.hpaSpecMinReplicas),
    column('MaxPods', 'string', doc.hpaSpecMaxReplicas),
    column('Replicas', 'string', doc.hpaStatusCurrentReplicas),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const ref = obj(spec['scaleTargetRef']);
    const { specs, statuses } = metrics(spec, status);
    const minReplicas = optInt(spec['minReplicas']);
    return {
      cells: [
        name(o), `${str(ref['kind'])}/${str(ref['name'])}`, formatMetrics(specs, statuses),
        minReplicas === undefined ? '<unset>' : String(minReplicas), int(spec['maxReplicas']),
        int(status['currentReplicas']), age(o, now),
      ],
    };
  },
};

const scale: Printer = {
  columns: [
    column('Name', 'string', doc.objectMetaName),
    column('Desired', 'integer', doc.scaleSpecReplicas),
    column('Available', 'integer', doc.scaleStatusReplicas),
    ageColumn,
  ],
  row(o, now) {
    return { cells: [name(o), int(at(o, 'spec', 'replicas')), int(at(o, 'status', 'replicas')), age(o, now)] };
  },
};

export const autoscalingPrinters: GroupPrinters = {
  group: 'autoscaling',
  kinds: { HorizontalPodAutoscaler: horizontalPodAutoscaler, Scale: scale },
};
