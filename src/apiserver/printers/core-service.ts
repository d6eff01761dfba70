/** Services and Endpoints of the core group. */
import { age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { joinHostPort, loadBalancerIngress } from './format.js';
import { at, int, list, name, obj, objects, str } from './json.js';
import { formatLabels } from './labels.js';
import type { Json, Printer } from './types.js';

/** v1 Services may carry only `clusterIP`; kube reads it as the first of `clusterIPs`. */
function clusterIPs(spec: Json): string[] {
  const ips = list(spec['clusterIPs']).map(str);
  if (ips.length > 0) return ips;
  const ip = str(spec['clusterIP']);
  return ip === '' ? [] : [ip];
}

function serviceExternalIP(spec: Json, status: Json): string {
  const externalIPs = list(spec['externalIPs']).map(str);
  switch (spec['type']) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(at(status, 'loadBalancer', 'ingress'));
      if (externalIPs.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...externalIPs].join(',');
      return lb === '' ? '<pending>' : lb;
    }
    case 'ExternalName':
      return str(spec['externalName']);
    default:
      return '<unknown>';
  }
}

function servicePorts(ports: unknown): string {
  const text = objects(ports)
    .map((p) => {
      const nodePort = int(p['nodePort']);
      const protocol = str(p['protocol']);
      return nodePort > 0 ? `${int(p['port'])}:${nodePort}/${protocol}` : `${int(p['port'])}/${protocol}`;
    })
    .join(',');
  return text === '' ? '<none>' : text;
}

export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', 'string', doc.serviceSpecType),
    column('Cluster-IP', 'string', doc.serviceSpecClusterIP),
    column('External-IP', 'string', doc.serviceSpecExternalIPs),
    column('Port(s)', 'string', doc.serviceSpecPorts),
    ageColumn,
    wide('Selector', 'string', doc.serviceSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    return {
      cells: [
        name(o), str(spec['type']), clusterIPs(spec)[0] ?? '<none>', serviceExternalIP(spec, status),
        servicePorts(spec['ports']), age(o, now), formatLabels(spec['selector']),
      ],
    };
  },
};

/** `formatEndpoints`: up to three ip:port pairs, then `+ N more...`. */
function formatEndpoints(subsets: unknown): string {
  const all = objects(subsets);
  if (all.length === 0) return '<none>';
  const max = 3;
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of all) {
    const addresses = objects(subset['addresses']).map((a) => str(a['ip']));
    const ports = objects(subset['ports']);
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const ip of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const ip of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(joinHostPort(ip, int(port['port'])));
      }
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: Printer = {
  columns: [nameColumn, column('Endpoints', 'string', doc.endpointsSubsets), ageColumn],
  row(o, now) {
    return { cells: [name(o), formatEndpoints(o['subsets']), age(o, now)] };
  },
};

