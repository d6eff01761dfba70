/**
 * Services and Endpoints (core/v1).
 */
import { child, duplicate, forbidden, goValue, index, internalError, invalid, key, notSupported, required, type FieldError } from './errors.js';
import { goStringSlice, goQuote } from './go-format.js';
import { clone, num, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import { metaOf, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateLabels, validateQualifiedName } from './meta.js';
import { nameIsDNS1035Label, nameIsDNSSubdomain } from './names.js';
import { validateDNS1123Label, validateDNS1123Subdomain } from './pod-spec.js';
import { isDualStackPair, isIPv6String, isValidCIDR, isValidIP, isValidPortName, isValidPortNum, parseIP } from './strings.js';
import type { KindValidator } from './types.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** The default `--service-node-port-range` of kube-apiserver. */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];

/**
 * The clusterIP / clusterIPs reconciliation kube's service strategy does before validating, so a
 * client may send either field (NormalizeClusterIPs). `old` is the stored object on updates.
 */
export function normalizeClusterIPs(svc: Obj, old?: Obj): void {
  const spec = objOrEmpty(svc.spec);
  if (svc.spec === undefined) return;
  const clusterIP = strOr(spec.clusterIP);
  const clusterIPs = strArr(spec.clusterIPs);
  if (old === undefined) {
    if (clusterIP !== '' && clusterIPs.length === 0) spec.clusterIPs = [clusterIP];
    return;
  }
  const oldSpec = objOrEmpty(old.spec);
  const oldIP = strOr(oldSpec.clusterIP);
  const oldIPs = strArr(oldSpec.clusterIPs);
  if (oldIPs.length > 0 && clusterIPs.length === 0 && oldIP === clusterIP) spec.clusterIPs = [...oldIPs];
  if (oldIP !== clusterIP) {
    const same = JSON.stringify(oldIPs) === JSON.stringify(strArr(spec.clusterIPs));
    if (oldIP !== '' && clusterIP === '') {
      if (same) delete spec.clusterIPs;
    } else if (same) {
      spec.clusterIPs = [clusterIP];
    }
  }
}

function isHeadless(spec: Obj): boolean {
  const ips = strArr(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function externallyAccessible(spec: Obj): boolean {
  const t = strOr(spec.type);
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && strArr(spec.externalIPs).length > 0);
}

function needsHealthCheck(spec: Obj): boolean {
  return strOr(spec.type) === 'LoadBalancer' && strOr(spec.externalTrafficPolicy) === 'Local';
}

function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(field, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  return [internalError(field, 'unknown type: 0')];
}

function validateNonSpecialIP(ip: string, field: string): FieldError[] {
  const b = parseIP(ip);
  if (b === undefined) return [invalid(field, ip, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = b.slice(0, 12).every((x, i) => (i < 10 ? x === 0 : x === 0xff));
  const bytes = v4 ? b.slice(12) : b;
  if (bytes.every((x) => x === 0)) errs.push(invalid(field, ip, `may not be unspecified (${ip})`));
  const loopback = v4 ? bytes[0] === 127 : bytes.slice(0, 15).every((x) => x === 0) && bytes[15] === 1;
  if (loopback) errs.push(invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = v4 ? bytes[0] === 169 && bytes[1] === 254 : bytes[0] === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0x80;
  if (linkLocal) errs.push(invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const llMulticast = v4 ? bytes[0] === 224 && bytes[1] === 0 && bytes[2] === 0 : bytes[0] === 0xff && ((bytes[1] ?? 0) & 0x0f) === 0x02;
  if (llMulticast) errs.push(invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function validateClusterIPsRelated(spec: Obj): FieldError[] {
  if (strOr(spec.type) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = strOr(spec.clusterIP);
  const clusterIPs = strArr(spec.clusterIPs);
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid('spec.clusterIPs', clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const families = strArr(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(index('spec.ipFamilies', i), f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  const policy = str(spec.ipFamilyPolicy);
  if (policy !== undefined && !IP_FAMILY_POLICIES.includes(policy)) errs.push(notSupported('spec.ipFamilyPolicy', policy, IP_FAMILY_POLICIES));
  let badIPs = false;
  for (const [i, ip] of clusterIPs.entries()) {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', clusterIPs, "'None' must be the first and only value"));
      }
      continue;
    }
    const e = isValidIP(index('spec.clusterIPs', i), ip);
    if (e.length > 0) badIPs = true;
    errs.push(...e);
  }
  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', clusterIPs, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (clusterIPs.length > 1 && !isDualStackPair(clusterIPs, false)) {
    errs.push(invalid('spec.clusterIPs', clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) {
        errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !isIPv6String(ip)) {
        errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

function goServicePort(protocol: string, port: number): unknown {
  return goValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = strOr(sp.name);
  if (requireName && name === '') errs.push(required(child(field, 'name')));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, child(field, 'name')));
    if (names.has(name)) errs.push(duplicate(child(field, 'name'), name));
    else names.add(name);
  }
  const port = num(sp.port) ?? 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(child(field, 'port'), port, m));
  const proto = strOr(sp.protocol);
  if (proto === '') errs.push(required(child(field, 'protocol')));
  else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(field, 'protocol'), proto, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, child(field, 'targetPort')));
  const app = str(sp.appProtocol);
  if (app !== undefined) errs.push(...validateQualifiedName(app, child(field, 'appProtocol')));
  return errs;
}

/** ValidateService on an object whose clusterIP / clusterIPs have been reconciled. */
function validateServiceSpec(svc: Obj, nodePortRange: readonly [number, number]): FieldError[] {
  const errs: FieldError[] = [];
  const spec = objOrEmpty(svc.spec);
  const type = strOr(spec.type);
  const ports = objArr(spec.ports);
  const headless = isHeadless(spec);
  const ann = strMap(metaOf(svc).annotations) ?? {};
  const hints = ann['service.kubernetes.io/topology-aware-hints'];
  const mode = ann['service.kubernetes.io/topology-mode'];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(invalid(key('metadata.annotations', 'service.kubernetes.io/topology-mode'), mode, 'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'));
  }
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (strArr(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (strArr(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy != null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = strOr(spec.externalName).replace(/\.$/, '');
      if (cname !== '') errs.push(...validateDNS1123Subdomain(cname, 'spec.externalName'));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector != null) errs.push(...validateLabels(strMap(spec.selector), 'spec.selector'));
  const affinity = strOr(spec.sessionAffinity);
  if (affinity === '') errs.push(required('spec.sessionAffinity'));
  else if (!AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, AFFINITIES));
  if (affinity === 'ClientIP') {
    const cfg = obj(spec.sessionAffinityConfig);
    const clientIP = obj(cfg?.clientIP);
    const timeout = num(clientIP?.timeoutSeconds);
    const detail = 'when session affinity type is ClientIP';
    if (cfg === undefined) errs.push(required('spec.sessionAffinityConfig', detail));
    else if (clientIP === undefined) errs.push(required('spec.sessionAffinityConfig.clientIP', detail));
    else if (timeout === undefined) errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', detail));
    else if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelated(spec));
  strArr(spec.externalIPs).forEach((ip, i) => {
    const p = index('spec.externalIPs', i);
    const e = isValidIP(p, ip);
    errs.push(...(e.length > 0 ? e : validateNonSpecialIP(ip, p)));
  });
  if (type === '') errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((num(p.nodePort) ?? 0) !== 0) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np === 0) return;
    const k = `${strOr(p.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${strOr(p.protocol)}/${num(p.port) ?? 0}`;
    if (seenPorts.has(k)) errs.push(duplicate(index('spec.ports', i), goServicePort(strOr(p.protocol), num(p.port) ?? 0)));
    seenPorts.add(k);
  });
  const ranges = strArr(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(index('spec.LoadBalancerSourceRanges', i), r.trim())));
  } else {
    const annRanges = ann['service.beta.kubernetes.io/load-balancer-source-ranges'];
    if (annRanges !== undefined) {
      const p = key('metadata.annotations', 'service.beta.kubernetes.io/load-balancer-source-ranges');
      if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
      const v = annRanges.trim();
      if (v !== '') for (const cidr of v.split(',')) errs.push(...isValidCIDR(p, cidr.trim()));
    }
  }
  if (spec.allocateLoadBalancerNodePorts != null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) errs.push(required('allocateLoadBalancerNodePorts'));
  const lbClass = str(spec.loadBalancerClass);
  if (lbClass !== undefined) {
    if (type === 'LoadBalancer') errs.push(...validateQualifiedName(lbClass, 'spec.loadBalancerClass'));
    else errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = strOr(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(etp)) {
    errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  }
  const hcnp = num(spec.healthCheckNodePort) ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hcnp !== 0) errs.push(invalid('spec.healthCheckNodePort', hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hcnp === 0) {
    errs.push(required('spec.healthCheckNodePort'));
  } else {
    for (const m of isValidPortNum(hcnp)) errs.push(invalid('spec.healthCheckNodePort', hcnp, m));
  }
  const itp = str(spec.internalTrafficPolicy);
  if (itp === undefined) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(itp)) {
    errs.push(notSupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  }
  const td = str(spec.trafficDistribution);
  if (td !== undefined && td !== 'PreferClose') errs.push(notSupported('spec.trafficDistribution', td, ['PreferClose']));
  errs.push(...validateNodePortRange(spec, nodePortRange));
  return errs;
}

/**
 * The node port allocator's check (run before validation in kube): explicit node ports must lie in
 * the configured range.
 */
export function validateNodePortRange(spec: Obj, range: readonly [number, number]): FieldError[] {
  const errs: FieldError[] = [];
  objArr(spec.ports).forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np !== 0 && (np < range[0] || np > range[1])) {
      errs.push(invalid(child(index('spec.ports', i), 'nodePort'), np, `provided port is not in the valid range. The range of valid ports is ${range[0]}-${range[1]}`));
    }
  });
  return errs;
}

function validateServiceUpdateOnly(svc: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const spec = objOrEmpty(svc.spec);
  const oldSpec = objOrEmpty(old.spec);
  const ips = strArr(spec.clusterIPs);
  const oldIPs = strArr(oldSpec.clusterIPs);
  const externalName = strOr(spec.type) === 'ExternalName' || strOr(oldSpec.type) === 'ExternalName';
  if (!externalName && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const rendered = goValue(goStringSlice(ips));
    if (oldIPs.length === ips.length) {
      oldIPs.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push(invalid(index('spec.clusterIPs', i), rendered, 'may not change once set'));
      });
    } else if (oldIPs.length > ips.length) {
      if (ips.length === 0) errs.push(invalid('spec.clusterIPs[0]', rendered, 'primary clusterIP can not be unset'));
      if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(invalid('spec.clusterIPs[0]', rendered, 'may not change once set'));
      if (ips.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
        errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(invalid('spec.clusterIPs[0]', rendered, 'may not change once set'));
    }
  }
  if (!externalName && isHeadless(spec) === isHeadless(oldSpec) && !isHeadless(spec)) {
    const fams = strArr(spec.ipFamilies);
    const oldFams = strArr(oldSpec.ipFamilies);
    const rendered = goValue(goStringSlice(fams));
    if (oldFams.length === fams.length) {
      if (oldFams.some((f, i) => f !== fams[i])) errs.push(invalid('spec.ipFamilies[0]', rendered, 'may not change once set'));
    } else if (oldFams.length > fams.length) {
      if (ips.length === 0) errs.push(invalid('spec.ipFamilies[0]', rendered, 'primary ipFamily can not be unset'));
      if (fams.length > 0 && fams[0] !== oldFams[0]) errs.push(invalid('spec.ipFamilies[0]', goValue(goStringSlice(ips)), 'may not change once set'));
      if (fams.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
        errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
      }
    } else if (oldFams.length > 0 && fams.length > 0 && fams[0] !== oldFams[0]) {
      errs.push(invalid('spec.ipFamilies[0]', goValue(goStringSlice(ips)), 'may not change once set'));
    }
  }
  if (strOr(spec.type) === 'LoadBalancer' && strOr(oldSpec.type) === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && (num(spec.healthCheckNodePort) ?? 0) !== (num(oldSpec.healthCheckNodePort) ?? 0)) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

function normalized(svc: Obj, old?: Obj): Obj {
  const copy = clone(svc);
  normalizeClusterIPs(copy, old);
  return copy;
}

export const services: KindValidator = {
  group: '',
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  nameRule: 'DNS1035Label',
  create: (o) => {
    const svc = normalized(o);
    return [...validateKubeObjectMeta(svc, true, nameIsDNS1035Label), ...validateServiceSpec(svc, DEFAULT_NODE_PORT_RANGE)];
  },
  update: (o, old) => {
    const svc = normalized(o, old);
    return [
      ...validateKubeObjectMetaUpdate(svc, old),
      ...validateServiceUpdateOnly(svc, old),
      ...validateKubeObjectMeta(svc, true, nameIsDNS1035Label),
      ...validateServiceSpec(svc, DEFAULT_NODE_PORT_RANGE),
    ];
  },
};

// ---- Endpoints -----------------------------------------------------------------------------

function validateEndpointSubsets(subsets: unknown): FieldError[] {
  const errs: FieldError[] = [];
  objArr(subsets).forEach((ss, i) => {
    const p = index('subsets', i);
    const addrs = objArr(ss.addresses);
    const notReady = objArr(ss.notReadyAddresses);
    if (addrs.length === 0 && notReady.length === 0) errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const [list, name] of [
      [addrs, 'addresses'],
      [notReady, 'notReadyAddresses'],
    ] as const) {
      list.forEach((a, j) => {
        const ap = index(child(p, name), j);
        const ip = strOr(a.ip);
        errs.push(...isValidIP(child(ap, 'ip'), ip));
        const host = strOr(a.hostname);
        if (host !== '') errs.push(...validateDNS1123Label(host, child(ap, 'hostname')));
        const node = str(a.nodeName);
        if (node !== undefined) for (const m of nameIsDNSSubdomain(node, false)) errs.push(invalid(child(ap, 'nodeName'), node, m));
        errs.push(...validateNonSpecialIP(ip, child(ap, 'ip')));
      });
    }
    const ports = objArr(ss.ports);
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = strOr(port.name);
      if (ports.length > 1 && name === '') errs.push(required(child(pp, 'name')));
      else if (name !== '') errs.push(...validateDNS1123Label(name, child(pp, 'name')));
      const n = num(port.port) ?? 0;
      for (const m of isValidPortNum(n)) errs.push(invalid(child(pp, 'port'), n, m));
      const proto = strOr(port.protocol);
      if (proto === '') errs.push(required(child(pp, 'protocol')));
      else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(pp, 'protocol'), proto, PROTOCOLS));
      const app = str(port.appProtocol);
      if (app !== undefined) errs.push(...validateQualifiedName(app, child(pp, 'appProtocol')));
    });
  });
  return errs;
}

export const endpoints: KindValidator = {
  group: '',
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateEndpointSubsets(o.subsets)],
  update: (o, old) => [
    ...validateKubeObjectMetaUpdate(o, old),
    ...validateKubeObjectMeta(o, true, nameIsDNSSubdomain),
    ...validateEndpointSubsets(o.subsets),
  ],
};

export { validateNonSpecialIP };
