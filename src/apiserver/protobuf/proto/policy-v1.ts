// The messages of k8s.io/api policy/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const policyV1Proto = `syntax = "proto2";
package k8s.io.api.policy.v1;

message PodDisruptionBudget {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional PodDisruptionBudgetSpec spec = 2;
  optional PodDisruptionBudgetStatus status = 3;
}

message PodDisruptionBudgetSpec {
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString minAvailable = 1 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 3 [(go.pointer) = true];
  optional string unhealthyPodEvictionPolicy = 4 [(go.pointer) = true];
}

message PodDisruptionBudgetStatus {
  optional int64 observedGeneration = 1;
  map<string, .k8s.io.apimachinery.pkg.apis.meta.v1.Time> disruptedPods = 2;
  optional int32 disruptionsAllowed = 3 [(go.omitempty) = false];
  optional int32 currentHealthy = 4 [(go.omitempty) = false];
  optional int32 desiredHealthy = 5 [(go.omitempty) = false];
  optional int32 expectedPods = 6 [(go.omitempty) = false];
  repeated .k8s.io.apimachinery.pkg.apis.meta.v1.Condition conditions = 7;
}
`;
