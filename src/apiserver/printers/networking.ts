/** Printers of the networking.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { loadBalancerIngress } from './format.js';
import { at, isObject, list, name, obj, objects, str } from './json.js';
import { formatLabelSelector } from './labels.js';
import type { GroupPrinters, Printer } from './types.js';

/** `formatHosts`: up to three rule hosts, `*` when no rule names one. */
function formatHosts(rules: unknown): string {
  const all = objects(rules);
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of all) {
    if (hosts.length === max) more = true;
    const host = str(rule['host']);
    if (!more && host !== '') hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  const text = hosts.join(',');
  return more ? `${text} + ${all.length - max} more...` : text;
}

const ingress: Printer = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const className = spec['ingressClassName'];
    return {
      cells: [
        name(o), typeof className === 'string' ? className : '<none>', formatHosts(spec['rules']),
        loadBalancerIngress(at(o, 'status', 'loadBalancer', 'ingress')),
        list(spec['tls']).length > 0 ? '80, 443' : '80', age(o, now),
      ],
    };
  },
};

const ingressClass: Printer = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const params = spec['parameters'];
    let parameters = '<none>';
    if (isObject(params)) {
      const apiGroup = params['apiGroup'];
      parameters = str(params['kind']);
      if (typeof apiGroup === 'string') parameters += `.${apiGroup}`;
      parameters += `/${str(params['name'])}`;
    }
    return { cells: [name(o), str(spec['controller']), parameters, age(o, now)] };
  },
};

const networkPolicy: Printer = {
  columns: [nameColumn, column('Pod-Selector', 'string', doc.networkPolicySpecPodSelector), ageColumn],
  row(o, now) {
    // The pod selector is a struct, not a pointer: an absent one selects every pod.
    return { cells: [name(o), formatLabelSelector(obj(at(o, 'spec', 'podSelector'))), age(o, now)] };
  },
};

const serviceCIDR: Printer = {
  columns: [nameColumn, column('CIDRs', 'string', doc.serviceCIDRSpecCIDRs), ageColumn],
  row(o, now) {
    return { cells: [name(o), list(at(o, 'spec', 'cidrs')).map(str).join(','), age(o, now)] };
  },
};

const ipAddress: Printer = {
  columns: [nameColumn, column('ParentRef', 'string', doc.ipAddressSpecParentRef)],
  row(o, now) {
    const ref = at(o, 'spec', 'parentRef');
    let parent = '<none>';
    if (isObject(ref)) {
      const group = str(ref['group']);
      const resource = str(ref['resource']);
      parent = (group === '' ? resource : `${resource}.${group}`).toLowerCase();
      const ns = str(ref['namespace']);
      if (ns !== '') parent += `/${ns}`;
      parent += `/${str(ref['name'])}`;
    }
    // kube prints an age cell although IPAddress declares no Age column.
    return { cells: [name(o), parent, age(o, now)] };
  },
};

export const networkingPrinters: GroupPrinters = {
  group: 'networking.k8s.io',
  kinds: {
    Ingress: ingress,
    IngressClass: ingressClass,
    NetworkPolicy: networkPolicy,
    ServiceCIDR: serviceCIDR,
    IPAddress: ipAddress,
  },
};
