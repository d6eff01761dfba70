// The messages of k8s.io/api apps/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const appsV1Proto = `syntax = "proto2";
package k8s.io.api.apps.v1;

message Deployment {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional DeploymentSpec spec = 2;
  optional DeploymentStatus status = 3;
}

message DeploymentCondition {
  optional string type = 1 [(go.omitempty) = false];
  optional string status = 2 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastUpdateTime = 6;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 7;
  optional string reason = 4;
  optional string message = 5;
}

message DeploymentSpec {
  optional int32 replicas = 1 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(go.omitempty) = false, (go.pointer) = true];
  optional .k8s.io.api.core.v1.PodTemplateSpec template = 3;
  optional DeploymentStrategy strategy = 4;
  optional int32 minReadySeconds = 5;
  optional int32 revisionHistoryLimit = 6 [(go.pointer) = true];
  optional bool paused = 7;
  optional int32 progressDeadlineSeconds = 9 [(go.pointer) = true];
}

message DeploymentStatus {
  optional int64 observedGeneration = 1;
  optional int32 replicas = 2;
  optional int32 updatedReplicas = 3;
  optional int32 readyReplicas = 7;
  optional int32 availableReplicas = 4;
  optional int32 unavailableReplicas = 5;
  optional int32 terminatingReplicas = 9 [(go.pointer) = true];
  repeated DeploymentCondition conditions = 6;
  optional int32 collisionCount = 8 [(go.pointer) = true];
}

message DeploymentStrategy {
  optional string type = 1;
  optional RollingUpdateDeployment rollingUpdate = 2 [(go.pointer) = true];
}

message RollingUpdateDeployment {
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 1 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString maxSurge = 2 [(go.pointer) = true];
}
`;
