// The messages of k8s.io/api scheduling/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const schedulingV1Proto = `syntax = "proto2";
package k8s.io.api.scheduling.v1;

message PriorityClass {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional int32 value = 2 [(go.omitempty) = false];
  optional bool globalDefault = 3;
  optional string description = 4;
  optional string preemptionPolicy = 5 [(go.pointer) = true];
}
`;
