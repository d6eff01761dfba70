// The messages of k8s.io/api networking/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const networkingV1Proto = `syntax = "proto2";
package k8s.io.api.networking.v1;

message HTTPIngressPath {
  optional string path = 1;
  optional string pathType = 3 [(go.omitempty) = false, (go.pointer) = true];
  optional IngressBackend backend = 2;
}

message HTTPIngressRuleValue {
  repeated HTTPIngressPath paths = 1 [(go.omitempty) = false];
}

message Ingress {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional IngressSpec spec = 2;
  optional IngressStatus status = 3;
}

message IngressBackend {
  optional IngressServiceBackend service = 4 [(go.pointer) = true];
  optional .k8s.io.api.core.v1.TypedLocalObjectReference resource = 3 [(go.pointer) = true];
}

message IngressLoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  repeated IngressPortStatus ports = 4;
}

message IngressLoadBalancerStatus {
  repeated IngressLoadBalancerIngress ingress = 1;
}

message IngressPortStatus {
  optional int32 port = 1 [(go.omitempty) = false];
  optional string protocol = 2 [(go.omitempty) = false];
  optional string error = 3 [(go.pointer) = true];
}

message IngressRule {
  optional string host = 1;
  optional IngressRuleValue ingressRuleValue = 2 [(go.embedded) = true];
}

message IngressRuleValue {
  optional HTTPIngressRuleValue http = 1 [(go.pointer) = true];
}

message IngressServiceBackend {
  optional string name = 1 [(go.omitempty) = false];
  optional ServiceBackendPort port = 2;
}

message IngressSpec {
  optional string ingressClassName = 4 [(go.pointer) = true];
  optional IngressBackend defaultBackend = 1 [(go.pointer) = true];
  repeated IngressTLS tls = 2;
  repeated IngressRule rules = 3;
}

message IngressStatus {
  optional IngressLoadBalancerStatus loadBalancer = 1;
}

message IngressTLS {
  repeated string hosts = 1;
  optional string secretName = 2;
}

message ServiceBackendPort {
  optional string name = 1;
  optional int32 number = 2;
}
`;
