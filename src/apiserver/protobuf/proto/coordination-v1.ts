// The messages of k8s.io/api coordination/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const coordinationV1Proto = `syntax = "proto2";
package k8s.io.api.coordination.v1;

message Lease {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional LeaseSpec spec = 2;
}

message LeaseSpec {
  optional string holderIdentity = 1 [(go.pointer) = true];
  optional int32 leaseDurationSeconds = 2 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime acquireTime = 3 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime renewTime = 4 [(go.pointer) = true];
  optional int32 leaseTransitions = 5 [(go.pointer) = true];
  optional string strategy = 6 [(go.pointer) = true];
  optional string preferredHolder = 7 [(go.pointer) = true];
}
`;
