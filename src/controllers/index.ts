// The virtual control plane's kube-controller-manager: what the embedded host and the vcluster
// control plane run. Everything here talks to the API server only through src/client.
export {
  startControllerManager,
  selectControllers,
  CONTROLLERS,
  ControllerSelectionError,
  type ControllerDescriptor,
  type ControllerManagerOptions,
  type LeaderElectionConfig,
  type RunningControllerManager,
} from './manager.js';
export { defaultTuning, type ControllerContext, type ControllerTuning, type ReconcileEvent, type ReconcileObserver } from './shared/context.js';
export { NAMESPACE_CONTROLLER } from './namespace.js';
export { GARBAGE_COLLECTOR_CONTROLLER } from './garbage-collector.js';
export { SERVICE_ACCOUNT_CONTROLLER } from './service-account.js';
export { ROOT_CA_CONTROLLER, ROOT_CA_CONFIGMAP } from './root-ca.js';
export { ENDPOINTS_CONTROLLER } from './endpoints.js';
export { ENDPOINTSLICE_CONTROLLER } from './endpointslice.js';
