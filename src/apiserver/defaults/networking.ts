/** networking.k8s.io/v1 defaults (pkg/apis/networking/v1/defaults.go). */
import { ensureObj, objAt, objsAt, setDefault, type Obj } from './util.js';

export function defaultNetworkPolicy(np: Obj): void {
  const spec = ensureObj(np, 'spec');
  for (const dir of ['ingress', 'egress']) {
    for (const rule of objsAt(spec, dir)) for (const port of objsAt(rule, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    const types = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) types.push('Egress');
    spec.policyTypes = types;
  }
}

export function defaultIngressClass(ic: Obj): void {
  const spec = objAt(ic, 'spec');
  const params = spec === undefined ? undefined : objAt(spec, 'parameters');
  if (params !== undefined) setDefault(params, 'scope', 'Cluster');
}
