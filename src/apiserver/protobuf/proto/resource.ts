// The messages of k8s.io/apimachinery pkg/api/resource that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const resourceProto = `syntax = "proto2";
package k8s.io.apimachinery.pkg.api.resource;

message Quantity {
  option (go.json) = "quantity";
  optional string string = 1;
}
`;
