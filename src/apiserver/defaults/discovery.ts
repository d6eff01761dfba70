/** discovery.k8s.io/v1 defaults (pkg/apis/discovery/v1/defaults.go). */
import { objsAt, setDefault, type Obj } from './util.js';

export function defaultEndpointSlice(slice: Obj): void {
  for (const port of objsAt(slice, 'ports')) {
    setDefault(port, 'name', '');
    setDefault(port, 'protocol', 'TCP');
  }
}
