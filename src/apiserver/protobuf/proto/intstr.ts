// The messages of k8s.io/apimachinery pkg/util/intstr that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const intstrProto = `syntax = "proto2";
package k8s.io.apimachinery.pkg.util.intstr;

message IntOrString {
  option (go.json) = "int-or-string";
  optional int64 type = 1;
  optional int32 intVal = 2;
  optional string strVal = 3;
}
`;
