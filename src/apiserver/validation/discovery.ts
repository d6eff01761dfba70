/**
 * discovery.k8s.io/v1: EndpointSlices.
 */
import { validateNonSpecialIP } from './core-service.js';
import { child, duplicate, index, invalid, notSupported, required, tooMany, type FieldError } from './errors.js';
import { obj, objArr, str, strArr, strMap, strOr, type Obj } from './json.js';
import { validateImmutable, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateLabels, validateQualifiedName } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateDNS1123Label } from './pod-spec.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidIPv4Address, isValidIPv6Address, isValidLabelValue } from './strings.js';
import type { KindValidator } from './types.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

/** IsFullyQualifiedDomainName. */
function validateFQDN(name: string, field: string): FieldError[] {
  if (name === '') return [required(field)];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const errs = isDNS1123Subdomain(n);
  if (errs.length > 0) return [invalid(field, n, errs.join(','))];
  if (n.split('.').length < 2) return [invalid(field, n, 'should be a domain with at least two segments separated by dots')];
  for (const label of n.split('.')) {
    const le = isDNS1123Label(label);
    if (le.length > 0) return [invalid(field, label, le.join(','))];
  }
  return [];
}

function validateEndpoints(endpoints: unknown, addressType: string): FieldError[] {
  const list = objArr(endpoints);
  if (list.length > MAX_ENDPOINTS) return [tooMany('endpoints', list.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  list.forEach((ep, i) => {
    const p = index('endpoints', i);
    const addrPath = child(p, 'addresses');
    const addrs = strArr(ep.addresses);
    if (addrs.length === 0) errs.push(required(addrPath, 'must contain at least 1 address'));
    else if (addrs.length > MAX_ADDRESSES) errs.push(tooMany(addrPath, addrs.length, MAX_ADDRESSES));
    addrs.forEach((a, j) => {
      const ap = index(addrPath, j);
      if (addressType === 'IPv4') errs.push(...isValidIPv4Address(ap, a), ...validateNonSpecialIP(a, ap));
      else if (addressType === 'IPv6') errs.push(...isValidIPv6Address(ap, a), ...validateNonSpecialIP(a, ap));
      else if (addressType === 'FQDN') errs.push(...validateFQDN(a, ap));
    });
    const node = str(ep.nodeName);
    if (node !== undefined) for (const m of nameIsDNSSubdomain(node, false)) errs.push(invalid(child(p, 'nodeName'), node, m));
    const topo = strMap(ep.deprecatedTopology);
    if (topo !== undefined && Object.keys(topo).length > MAX_TOPOLOGY_LABELS) {
      errs.push(tooMany(child(p, 'deprecatedTopology'), Object.keys(topo).length, MAX_TOPOLOGY_LABELS));
    }
    errs.push(...validateLabels(topo, child(p, 'deprecatedTopology')));
    const hostname = str(ep.hostname);
    if (hostname !== undefined) errs.push(...validateDNS1123Label(hostname, child(p, 'hostname')));
    const hints = obj(ep.hints);
    if (hints !== undefined) {
      const fz = child(p, 'hints', 'forZones');
      const zones = objArr(hints.forZones);
      if (zones.length > MAX_ZONE_HINTS) {
        errs.push(tooMany(fz, zones.length, MAX_ZONE_HINTS));
        return;
      }
      const seen = new Set<string>();
      zones.forEach((z, j) => {
        const zp = child(index(fz, j), 'name');
        const name = strOr(z.name);
        if (seen.has(name)) errs.push(duplicate(zp, name));
        else seen.add(name);
        for (const m of isValidLabelValue(name)) errs.push(invalid(zp, name, m));
      });
    }
  });
  return errs;
}

function validatePorts(ports: unknown): FieldError[] {
  const list = objArr(ports);
  if (list.length > MAX_PORTS) return [tooMany('ports', list.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((port, i) => {
    const p = index('ports', i);
    const name = strOr(port.name);
    if (name !== '') errs.push(...validateDNS1123Label(name, child(p, 'name')));
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    const proto = str(port.protocol);
    if (proto === undefined) errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(p, 'protocol'), proto, PROTOCOLS));
    const app = str(port.appProtocol);
    if (app !== undefined) errs.push(...validateQualifiedName(app, child(p, 'appProtocol')));
  });
  return errs;
}

function validateEndpointSlice(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  const addressType = strOr(o.addressType);
  if (addressType === '') errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  errs.push(...validateEndpoints(o.endpoints, addressType), ...validatePorts(o.ports));
  return errs;
}

export const endpointSlices: KindValidator = {
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateEndpointSlice,
  update: (o, old) => [
    ...validateKubeObjectMetaUpdate(o, old),
    ...validateEndpointSlice(o),
    ...validateImmutable(strOr(o.addressType), strOr(old.addressType), 'addressType'),
  ],
};


