// The messages of k8s.io/api batch/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const batchV1Proto = `syntax = "proto2";
package k8s.io.api.batch.v1;

message CronJob {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional CronJobSpec spec = 2;
  optional CronJobStatus status = 3;
}

message CronJobSpec {
  optional string schedule = 1 [(go.omitempty) = false];
  optional string timeZone = 8 [(go.pointer) = true];
  optional int64 startingDeadlineSeconds = 2 [(go.pointer) = true];
  optional string concurrencyPolicy = 3;
  optional bool suspend = 4 [(go.pointer) = true];
  optional JobTemplateSpec jobTemplate = 5;
  optional int32 successfulJobsHistoryLimit = 6 [(go.pointer) = true];
  optional int32 failedJobsHistoryLimit = 7 [(go.pointer) = true];
}

message CronJobStatus {
  repeated .k8s.io.api.core.v1.ObjectReference active = 1;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastScheduleTime = 4 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastSuccessfulTime = 5 [(go.pointer) = true];
}

message Job {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional JobSpec spec = 2;
  optional JobStatus status = 3;
}

message JobCondition {
  optional string type = 1 [(go.omitempty) = false];
  optional string status = 2 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastProbeTime = 3;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message JobSpec {
  optional int32 parallelism = 1 [(go.pointer) = true];
  optional int32 completions = 2 [(go.pointer) = true];
  optional int64 activeDeadlineSeconds = 3 [(go.pointer) = true];
  optional PodFailurePolicy podFailurePolicy = 11 [(go.pointer) = true];
  optional SuccessPolicy successPolicy = 16 [(go.pointer) = true];
  optional int32 backoffLimit = 7 [(go.pointer) = true];
  optional int32 backoffLimitPerIndex = 12 [(go.pointer) = true];
  optional int32 maxFailedIndexes = 13 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 4 [(go.pointer) = true];
  optional bool manualSelector = 5 [(go.pointer) = true];
  optional .k8s.io.api.core.v1.PodTemplateSpec template = 6;
  optional int32 ttlSecondsAfterFinished = 8 [(go.pointer) = true];
  optional string completionMode = 9 [(go.pointer) = true];
  optional bool suspend = 10 [(go.pointer) = true];
  optional string podReplacementPolicy = 14 [(go.pointer) = true];
  optional string managedBy = 15 [(go.pointer) = true];
}

message JobStatus {
  repeated JobCondition conditions = 1;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time startTime = 2 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time completionTime = 3 [(go.pointer) = true];
  optional int32 active = 4;
  optional int32 succeeded = 5;
  optional int32 failed = 6;
  optional int32 terminating = 11 [(go.pointer) = true];
  optional string completedIndexes = 7;
  optional string failedIndexes = 10 [(go.pointer) = true];
  optional UncountedTerminatedPods uncountedTerminatedPods = 8 [(go.pointer) = true];
  optional int32 ready = 9 [(go.pointer) = true];
}

message JobTemplateSpec {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional JobSpec spec = 2;
}

message PodFailurePolicy {
  repeated PodFailurePolicyRule rules = 1 [(go.omitempty) = false];
}

message PodFailurePolicyOnExitCodesRequirement {
  optional string containerName = 1 [(go.pointer) = true];
  optional string operator = 2 [(go.omitempty) = false];
  repeated int32 values = 3 [(go.omitempty) = false];
}

message PodFailurePolicyOnPodConditionsPattern {
  optional string type = 1 [(go.omitempty) = false];
  optional string status = 2 [(go.omitempty) = false];
}

message PodFailurePolicyRule {
  optional string action = 1 [(go.omitempty) = false];
  optional PodFailurePolicyOnExitCodesRequirement onExitCodes = 2 [(go.pointer) = true];
  repeated PodFailurePolicyOnPodConditionsPattern onPodConditions = 3;
}

message SuccessPolicy {
  repeated SuccessPolicyRule rules = 1 [(go.omitempty) = false];
}

message SuccessPolicyRule {
  optional string succeededIndexes = 1 [(go.pointer) = true];
  optional int32 succeededCount = 2 [(go.pointer) = true];
}

message UncountedTerminatedPods {
  repeated string succeeded = 1;
  repeated string failed = 2;
}
`;
