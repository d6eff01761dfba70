/**
 * networking.k8s.io/v1: Ingresses, IngressClasses and NetworkPolicies.
 */
import { child, forbidden, goValue, index, invalid, notSupported, required, tooLong, type FieldError } from './errors.js';
import { num, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import { metaOf, validateImmutable, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateLabelSelector } from './meta.js';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import {
  cidrContains,
  isDNS1123Subdomain,
  isDomainPrefixedPath,
  isValidCIDR,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  parseCIDR,
  parseIP,
} from './strings.js';
import type { KindValidator } from './types.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

function validateTypedLocalObjectReference(ref: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const group = str(ref.apiGroup);
  if (group !== undefined) for (const m of isDNS1123Subdomain(group)) errs.push(invalid(child(field, 'apiGroup'), group, m));
  for (const k of ['kind', 'name'] as const) {
    const v = strOr(ref[k]);
    if (v === '') errs.push(required(child(field, k), `${k} is required`));
    else for (const m of isValidPathSegmentName(v)) errs.push(invalid(child(field, k), v, m));
  }
  return errs;
}

function validateIngressBackend(backend: Obj, field: string): FieldError[] {
  const resource = obj(backend.resource);
  const service = obj(backend.service);
  if (resource !== undefined && service !== undefined) return [invalid(field, '', 'cannot set both resource and service backends')];
  if (resource !== undefined) return validateTypedLocalObjectReference(resource, child(field, 'resource'));
  if (service === undefined) return [invalid(field, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = strOr(service.name);
  if (name === '') errs.push(required(child(field, 'service', 'name')));
  else for (const m of nameIsDNS1035Label(name, false)) errs.push(invalid(child(field, 'service', 'name'), name, m));
  const port = objOrEmpty(service.port);
  const portName = strOr(port.name);
  const portNumber = num(port.number) ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(field, '', 'cannot set both port name & port number'));
  else if (portName !== '') for (const m of isValidPortName(portName)) errs.push(invalid(child(field, 'service', 'port', 'name'), portName, m));
  else if (portNumber !== 0) for (const m of isValidPortNum(portNumber)) errs.push(invalid(child(field, 'service', 'port', 'number'), portNumber, m));
  else errs.push(required(field, 'port name or number is required'));
  return errs;
}

function validateHTTPPath(path: Obj, field: string): FieldError[] {
  const pathType = str(path.pathType);
  if (pathType === undefined) return [required(child(field, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const p = strOr(path.path);
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!p.startsWith('/')) errs.push(invalid(child(field, 'path'), p, 'must be an absolute path'));
    if (p !== '') {
      for (const seq of INVALID_PATH_SEQUENCES) if (p.includes(seq)) errs.push(invalid(child(field, 'path'), p, `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES) if (p.endsWith(suf)) errs.push(invalid(child(field, 'path'), p, `cannot end with '${suf}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (p !== '' && !p.startsWith('/')) errs.push(invalid(child(field, 'path'), p, 'must be an absolute path'));
  } else {
    errs.push(notSupported(child(field, 'pathType'), pathType, PATH_TYPES));
  }
  errs.push(...validateIngressBackend(objOrEmpty(path.backend), child(field, 'backend')));
  return errs;
}

function validateIngressSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objArr(spec.rules);
  if (rules.length === 0 && spec.defaultBackend == null) {
    const shown = Array.isArray(spec.rules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)';
    errs.push(invalid('spec', goValue(shown), 'either `defaultBackend` or `rules` must be specified'));
  }
  const def = obj(spec.defaultBackend);
  if (def !== undefined) errs.push(...validateIngressBackend(def, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const rp = index('spec.rules', i);
    const host = strOr(rule.host);
    if (host !== '') {
      if (parseIP(host) !== undefined) errs.push(invalid(child(rp, 'host'), host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(invalid(child(rp, 'host'), host, m));
    }
    const http = obj(rule.http);
    if (http !== undefined) {
      const paths = objArr(http.paths);
      if (paths.length === 0) errs.push(required(child(rp, 'http', 'paths')));
      paths.forEach((p, j) => errs.push(...validateHTTPPath(p, index(child(rp, 'http', 'paths'), j))));
    }
  });
  objArr(spec.tls).forEach((tls, i) => {
    const tp = index('spec.tls', i);
    strArr(tls.hosts).forEach((h, j) => {
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      for (const m of msgs) errs.push(invalid(index(child(tp, 'hosts'), j), h, m));
    });
    const secretName = strOr(tls.secretName);
    if (secretName !== '') for (const m of nameIsDNSSubdomain(secretName, false)) errs.push(invalid(child(tp, 'secretName'), secretName, m));
  });
  const className = str(spec.ingressClassName);
  if (className !== undefined) for (const m of nameIsDNSSubdomain(className, false)) errs.push(invalid('spec.ingressClassName', className, m));
  return errs;
}

export const ingresses: KindValidator = {
  group: 'networking.k8s.io',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => {
    const errs = [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateIngressSpec(objOrEmpty(o.spec))];
    const ann = (strMap(metaOf(o).annotations) ?? {})['kubernetes.io/ingress.class'];
    const className = str(objOrEmpty(o.spec).ingressClassName);
    if (ann !== undefined && className !== undefined && ann !== className) {
      errs.push(invalid('annotations.kubernetes.io/ingress.class', ann, 'must match `ingressClassName` when both are specified'));
    }
    return errs;
  },
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateIngressSpec(objOrEmpty(o.spec))],
};

// ---- IngressClass --------------------------------------------------------------------------

function validateIngressClass(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, false, nameIsDNSSubdomain);
  const spec = objOrEmpty(o.spec);
  const controller = strOr(spec.controller);
  if (controller.length > 250) errs.push(tooLong('spec.controller', 250));
  errs.push(...isDomainPrefixedPath('spec.controller', controller));
  const params = obj(spec.parameters);
  if (params !== undefined) {
    errs.push(...validateTypedLocalObjectReference(params, 'spec.parameters'));
    const scope = str(params.scope);
    if (scope === undefined) errs.push(required('spec.parameters.scope'));
    else if (scope !== 'Cluster' && scope !== 'Namespace') errs.push(notSupported('spec.parameters.scope', scope, ['Cluster', 'Namespace']));
    else if (scope === 'Namespace') {
      const ns = str(params.namespace);
      if (ns === undefined) errs.push(required('spec.parameters.namespace', "`parameters.scope` is set to 'Namespace'"));
      else for (const m of nameIsDNSLabel(ns, false)) errs.push(invalid('spec.parameters.namespace', ns, m));
    } else if (params.namespace != null) {
      errs.push(forbidden('spec.parameters.namespace', "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

export const ingressClasses: KindValidator = {
  group: 'networking.k8s.io',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateIngressClass,
  update: (o, old) => [
    ...validateKubeObjectMetaUpdate(o, old),
    ...validateImmutable(strOr(objOrEmpty(o.spec).controller), strOr(objOrEmpty(old.spec).controller), 'spec.controller'),
    ...validateIngressClass(o),
  ],
};

// ---- NetworkPolicy -------------------------------------------------------------------------

function validateNetworkPolicyPort(port: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const proto = str(port.protocol);
  if (proto !== undefined && !['TCP', 'UDP', 'SCTP'].includes(proto)) errs.push(notSupported(child(field, 'protocol'), proto, ['TCP', 'UDP', 'SCTP']));
  const endPort = num(port.endPort);
  if (typeof port.port === 'number') {
    for (const m of isValidPortNum(port.port)) errs.push(invalid(child(field, 'port'), port.port, m));
    if (endPort !== undefined) {
      if (endPort < port.port) errs.push(invalid(child(field, 'endPort'), port.port, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(endPort)) errs.push(invalid(child(field, 'endPort'), endPort, m));
    }
  } else if (typeof port.port === 'string') {
    if (endPort !== undefined) errs.push(invalid(child(field, 'endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(port.port)) errs.push(invalid(child(field, 'port'), port.port, m));
  } else if (endPort !== undefined) {
    errs.push(invalid(child(field, 'endPort'), endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateIPBlock(block: Obj, field: string): FieldError[] {
  const cidr = strOr(block.cidr);
  if (cidr === '') return [required(child(field, 'cidr'))];
  const errs = isValidCIDR(child(field, 'cidr'), cidr);
  const outer = parseCIDR(cidr);
  if (outer === undefined) return errs;
  strArr(block.except).forEach((ex, i) => {
    const p = index(child(field, 'except'), i);
    const e = isValidCIDR(p, ex);
    errs.push(...e);
    const inner = parseCIDR(ex);
    if (inner === undefined) return;
    if (!cidrContains(outer, inner) || outer.prefix >= inner.prefix) errs.push(invalid(p, ex, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validateNetworkPolicyPeer(peer: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector != null) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, child(field, 'podSelector')));
  }
  if (peer.namespaceSelector != null) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, child(field, 'namespaceSelector')));
  }
  const ipBlock = obj(peer.ipBlock);
  if (ipBlock !== undefined) {
    n++;
    errs.push(...validateIPBlock(ipBlock, child(field, 'ipBlock')));
  }
  if (n === 0) errs.push(required(field, 'must specify a peer'));
  else if (n > 1 && ipBlock !== undefined) errs.push(forbidden(field, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateNetworkPolicySpec(spec: Obj): FieldError[] {
  const errs = validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector');
  for (const [dir, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    objArr(spec[dir]).forEach((rule, i) => {
      const rp = index(child('spec', dir), i);
      objArr(rule.ports).forEach((p, j) => errs.push(...validateNetworkPolicyPort(p, index(child(rp, 'ports'), j))));
      objArr(rule[peers]).forEach((p, j) => errs.push(...validateNetworkPolicyPeer(p, index(child(rp, peers), j))));
    });
  }
  const types = strArr(spec.policyTypes);
  if (types.length > 2) {
    errs.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export const networkPolicies: KindValidator = {
  group: 'networking.k8s.io',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateNetworkPolicySpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateNetworkPolicySpec(objOrEmpty(o.spec))],
};
