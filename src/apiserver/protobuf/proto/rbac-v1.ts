// The messages of k8s.io/api rbac/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const rbacV1Proto = `syntax = "proto2";
package k8s.io.api.rbac.v1;

message AggregationRule {
  repeated .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector clusterRoleSelectors = 1;
}

message ClusterRole {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated PolicyRule rules = 2 [(go.omitempty) = false];
  optional AggregationRule aggregationRule = 3 [(go.pointer) = true];
}

message ClusterRoleBinding {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}

message PolicyRule {
  repeated string verbs = 1 [(go.omitempty) = false];
  repeated string apiGroups = 2;
  repeated string resources = 3;
  repeated string resourceNames = 4;
  repeated string nonResourceURLs = 5;
}

message Role {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated PolicyRule rules = 2 [(go.omitempty) = false];
}

message RoleBinding {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}

message RoleRef {
  optional string apiGroup = 1 [(go.omitempty) = false];
  optional string kind = 2 [(go.omitempty) = false];
  optional string name = 3 [(go.omitempty) = false];
}

message Subject {
  optional string kind = 1 [(go.omitempty) = false];
  optional string apiGroup = 2;
  optional string name = 3 [(go.omitempty) = false];
  optional string namespace = 4;
}
`;
