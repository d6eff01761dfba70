// The messages of k8s.io/apimachinery pkg/apis/meta/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const metaV1Proto = `syntax = "proto2";
package k8s.io.apimachinery.pkg.apis.meta.v1;

message Condition {
  optional string type = 1 [(go.omitempty) = false];
  optional string status = 2 [(go.omitempty) = false];
  optional int64 observedGeneration = 3;
  optional Time lastTransitionTime = 4;
  optional string reason = 5 [(go.omitempty) = false];
  optional string message = 6 [(go.omitempty) = false];
}

message FieldSelectorRequirement {
  optional string key = 1 [(go.omitempty) = false];
  optional string operator = 2 [(go.omitempty) = false];
  repeated string values = 3;
}

message FieldsV1 {
  option (go.json) = "raw-json";
  optional bytes Raw = 1;
}

message LabelSelector {
  map<string, string> matchLabels = 1;
  repeated LabelSelectorRequirement matchExpressions = 2;
}

message LabelSelectorRequirement {
  optional string key = 1 [(go.omitempty) = false];
  optional string operator = 2 [(go.omitempty) = false];
  repeated string values = 3;
}

message ManagedFieldsEntry {
  optional string manager = 1;
  optional string operation = 2;
  optional string apiVersion = 3;
  optional Time time = 4 [(go.pointer) = true];
  optional string fieldsType = 6;
  optional FieldsV1 fieldsV1 = 7 [(go.pointer) = true];
  optional string subresource = 8;
}

message MicroTime {
  option (go.json) = "micro-time";
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}

message ObjectMeta {
  optional string name = 1;
  optional string generateName = 2;
  optional string namespace = 3;
  optional string selfLink = 4;
  optional string uid = 5;
  optional string resourceVersion = 6;
  optional int64 generation = 7;
  optional Time creationTimestamp = 8;
  optional Time deletionTimestamp = 9 [(go.pointer) = true];
  optional int64 deletionGracePeriodSeconds = 10 [(go.pointer) = true];
  map<string, string> labels = 11;
  map<string, string> annotations = 12;
  repeated OwnerReference ownerReferences = 13;
  repeated string finalizers = 14;
  repeated ManagedFieldsEntry managedFields = 17;
}

message OwnerReference {
  optional string apiVersion = 5 [(go.omitempty) = false];
  optional string kind = 1 [(go.omitempty) = false];
  optional string name = 3 [(go.omitempty) = false];
  optional string uid = 4 [(go.omitempty) = false];
  optional bool controller = 6 [(go.pointer) = true];
  optional bool blockOwnerDeletion = 7 [(go.pointer) = true];
}

message Time {
  option (go.json) = "time";
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}
`;
