// The messages of k8s.io/api core/v1 that the kinds in ../kinds.ts reach. Names, types and
// field numbers are those of the public Kubernetes API as of v1.36 (a superset of what kubectl 1.32
// sends); the (go.*) options are explained in ../schema.ts.
export const coreV1Proto = `syntax = "proto2";
package k8s.io.api.core.v1;

message AWSElasticBlockStoreVolumeSource {
  optional string volumeID = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional int32 partition = 3;
  optional bool readOnly = 4;
}

message Affinity {
  optional NodeAffinity nodeAffinity = 1 [(go.pointer) = true];
  optional PodAffinity podAffinity = 2 [(go.pointer) = true];
  optional PodAntiAffinity podAntiAffinity = 3 [(go.pointer) = true];
}

message AppArmorProfile {
  optional string type = 1 [(go.omitempty) = false];
  optional string localhostProfile = 2 [(go.pointer) = true];
}

message AzureDiskVolumeSource {
  optional string diskName = 1 [(go.omitempty) = false];
  optional string diskURI = 2 [(go.omitempty) = false];
  optional string cachingMode = 3 [(go.pointer) = true];
  optional string fsType = 4 [(go.pointer) = true];
  optional bool readOnly = 5 [(go.pointer) = true];
  optional string kind = 6 [(go.pointer) = true];
}

message AzureFileVolumeSource {
  optional string secretName = 1 [(go.omitempty) = false];
  optional string shareName = 2 [(go.omitempty) = false];
  optional bool readOnly = 3;
}

message CSIVolumeSource {
  optional string driver = 1 [(go.omitempty) = false];
  optional bool readOnly = 2 [(go.pointer) = true];
  optional string fsType = 3 [(go.pointer) = true];
  map<string, string> volumeAttributes = 4;
  optional LocalObjectReference nodePublishSecretRef = 5 [(go.pointer) = true];
}

message Capabilities {
  repeated string add = 1;
  repeated string drop = 2;
}

message CephFSVolumeSource {
  repeated string monitors = 1 [(go.omitempty) = false];
  optional string path = 2;
  optional string user = 3;
  optional string secretFile = 4;
  optional LocalObjectReference secretRef = 5 [(go.pointer) = true];
  optional bool readOnly = 6;
}

message CinderVolumeSource {
  optional string volumeID = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional bool readOnly = 3;
  optional LocalObjectReference secretRef = 4 [(go.pointer) = true];
}

message ClientIPConfig {
  optional int32 timeoutSeconds = 1 [(go.pointer) = true];
}

message ClusterTrustBundleProjection {
  optional string name = 1 [(go.pointer) = true];
  optional string signerName = 2 [(go.pointer) = true];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 3 [(go.pointer) = true];
  optional bool optional = 5 [(go.pointer) = true];
  optional string path = 4 [(go.omitempty) = false];
}

message ConfigMap {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional bool immutable = 4 [(go.pointer) = true];
  map<string, string> data = 2;
  map<string, bytes> binaryData = 3;
}

message ConfigMapEnvSource {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  optional bool optional = 2 [(go.pointer) = true];
}

message ConfigMapKeySelector {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  optional string key = 2 [(go.omitempty) = false];
  optional bool optional = 3 [(go.pointer) = true];
}

message ConfigMapProjection {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  repeated KeyToPath items = 2;
  optional bool optional = 4 [(go.pointer) = true];
}

message ConfigMapVolumeSource {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  repeated KeyToPath items = 2;
  optional int32 defaultMode = 3 [(go.pointer) = true];
  optional bool optional = 4 [(go.pointer) = true];
}

message Container {
  optional string name = 1 [(go.omitempty) = false];
  optional string image = 2;
  repeated string command = 3;
  repeated string args = 4;
  optional string workingDir = 5;
  repeated ContainerPort ports = 6;
  repeated EnvFromSource envFrom = 19;
  repeated EnvVar env = 7;
  optional ResourceRequirements resources = 8;
  repeated ContainerResizePolicy resizePolicy = 23;
  optional string restartPolicy = 24 [(go.pointer) = true];
  repeated ContainerRestartRule restartPolicyRules = 25;
  repeated VolumeMount volumeMounts = 9;
  repeated VolumeDevice volumeDevices = 21;
  optional Probe livenessProbe = 10 [(go.pointer) = true];
  optional Probe readinessProbe = 11 [(go.pointer) = true];
  optional Probe startupProbe = 22 [(go.pointer) = true];
  optional Lifecycle lifecycle = 12 [(go.pointer) = true];
  optional string terminationMessagePath = 13;
  optional string terminationMessagePolicy = 20;
  optional string imagePullPolicy = 14;
  optional SecurityContext securityContext = 15 [(go.pointer) = true];
  optional bool stdin = 16;
  optional bool stdinOnce = 17;
  optional bool tty = 18;
}

message ContainerPort {
  optional string name = 1;
  optional int32 hostPort = 2;
  optional int32 containerPort = 3 [(go.omitempty) = false];
  optional string protocol = 4;
  optional string hostIP = 5;
}

message ContainerResizePolicy {
  optional string resourceName = 1 [(go.omitempty) = false];
  optional string restartPolicy = 2 [(go.omitempty) = false];
}

message ContainerRestartRule {
  optional string action = 1;
  optional ContainerRestartRuleOnExitCodes exitCodes = 2 [(go.pointer) = true];
}

message ContainerRestartRuleOnExitCodes {
  optional string operator = 1;
  repeated int32 values = 2;
}

message DownwardAPIProjection {
  repeated DownwardAPIVolumeFile items = 1;
}

message DownwardAPIVolumeFile {
  optional string path = 1 [(go.omitempty) = false];
  optional ObjectFieldSelector fieldRef = 2 [(go.pointer) = true];
  optional ResourceFieldSelector resourceFieldRef = 3 [(go.pointer) = true];
  optional int32 mode = 4 [(go.pointer) = true];
}

message DownwardAPIVolumeSource {
  repeated DownwardAPIVolumeFile items = 1;
  optional int32 defaultMode = 2 [(go.pointer) = true];
}

message EmptyDirVolumeSource {
  optional string medium = 1;
  optional .k8s.io.apimachinery.pkg.api.resource.Quantity sizeLimit = 2 [(go.pointer) = true];
}

message EnvFromSource {
  optional string prefix = 1;
  optional ConfigMapEnvSource configMapRef = 2 [(go.pointer) = true];
  optional SecretEnvSource secretRef = 3 [(go.pointer) = true];
}

message EnvVar {
  optional string name = 1 [(go.omitempty) = false];
  optional string value = 2;
  optional EnvVarSource valueFrom = 3 [(go.pointer) = true];
}

message EnvVarSource {
  optional ObjectFieldSelector fieldRef = 1 [(go.pointer) = true];
  optional ResourceFieldSelector resourceFieldRef = 2 [(go.pointer) = true];
  optional ConfigMapKeySelector configMapKeyRef = 3 [(go.pointer) = true];
  optional SecretKeySelector secretKeyRef = 4 [(go.pointer) = true];
  optional FileKeySelector fileKeyRef = 5 [(go.pointer) = true];
}

message EphemeralContainer {
  optional EphemeralContainerCommon ephemeralContainerCommon = 1 [(go.embedded) = true];
  optional string targetContainerName = 2;
}

message EphemeralContainerCommon {
  optional string name = 1 [(go.omitempty) = false];
  optional string image = 2;
  repeated string command = 3;
  repeated string args = 4;
  optional string workingDir = 5;
  repeated ContainerPort ports = 6;
  repeated EnvFromSource envFrom = 19;
  repeated EnvVar env = 7;
  optional ResourceRequirements resources = 8;
  repeated ContainerResizePolicy resizePolicy = 23;
  optional string restartPolicy = 24 [(go.pointer) = true];
  repeated ContainerRestartRule restartPolicyRules = 25;
  repeated VolumeMount volumeMounts = 9;
  repeated VolumeDevice volumeDevices = 21;
  optional Probe livenessProbe = 10 [(go.pointer) = true];
  optional Probe readinessProbe = 11 [(go.pointer) = true];
  optional Probe startupProbe = 22 [(go.pointer) = true];
  optional Lifecycle lifecycle = 12 [(go.pointer) = true];
  optional string terminationMessagePath = 13;
  optional string terminationMessagePolicy = 20;
  optional string imagePullPolicy = 14;
  optional SecurityContext securityContext = 15 [(go.pointer) = true];
  optional bool stdin = 16;
  optional bool stdinOnce = 17;
  optional bool tty = 18;
}

message EphemeralVolumeSource {
  optional PersistentVolumeClaimTemplate volumeClaimTemplate = 1 [(go.pointer) = true];
}

message ExecAction {
  repeated string command = 1;
}

message FCVolumeSource {
  repeated string targetWWNs = 1;
  optional int32 lun = 2 [(go.pointer) = true];
  optional string fsType = 3;
  optional bool readOnly = 4;
  repeated string wwids = 5;
}

message FileKeySelector {
  optional string volumeName = 1 [(go.omitempty) = false];
  optional string path = 2 [(go.omitempty) = false];
  optional string key = 3 [(go.omitempty) = false];
  optional bool optional = 4 [(go.pointer) = true];
}

message FlexVolumeSource {
  optional string driver = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional LocalObjectReference secretRef = 3 [(go.pointer) = true];
  optional bool readOnly = 4;
  map<string, string> options = 5;
}

message FlockerVolumeSource {
  optional string datasetName = 1;
  optional string datasetUUID = 2;
}

message GCEPersistentDiskVolumeSource {
  optional string pdName = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional int32 partition = 3;
  optional bool readOnly = 4;
}

message GRPCAction {
  optional int32 port = 1 [(go.omitempty) = false];
  optional string service = 2 [(go.omitempty) = false, (go.pointer) = true];
}

message GitRepoVolumeSource {
  optional string repository = 1 [(go.omitempty) = false];
  optional string revision = 2;
  optional string directory = 3;
}

message GlusterfsVolumeSource {
  optional string endpoints = 1 [(go.omitempty) = false];
  optional string path = 2 [(go.omitempty) = false];
  optional bool readOnly = 3;
}

message HTTPGetAction {
  optional string path = 1;
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString port = 2;
  optional string host = 3;
  optional string scheme = 4;
  repeated HTTPHeader httpHeaders = 5;
}

message HTTPHeader {
  optional string name = 1 [(go.omitempty) = false];
  optional string value = 2 [(go.omitempty) = false];
}

message HostAlias {
  optional string ip = 1 [(go.omitempty) = false];
  repeated string hostnames = 2;
}

message HostPathVolumeSource {
  optional string path = 1 [(go.omitempty) = false];
  optional string type = 2 [(go.pointer) = true];
}

message ISCSIVolumeSource {
  optional string targetPortal = 1 [(go.omitempty) = false];
  optional string iqn = 2 [(go.omitempty) = false];
  optional int32 lun = 3 [(go.omitempty) = false];
  optional string iscsiInterface = 4;
  optional string fsType = 5;
  optional bool readOnly = 6;
  repeated string portals = 7;
  optional bool chapAuthDiscovery = 8;
  optional bool chapAuthSession = 11;
  optional LocalObjectReference secretRef = 10 [(go.pointer) = true];
  optional string initiatorName = 12 [(go.pointer) = true];
}

message ImageVolumeSource {
  optional string reference = 1;
  optional string pullPolicy = 2;
}

message KeyToPath {
  optional string key = 1 [(go.omitempty) = false];
  optional string path = 2 [(go.omitempty) = false];
  optional int32 mode = 3 [(go.pointer) = true];
}

message Lifecycle {
  optional LifecycleHandler postStart = 1 [(go.pointer) = true];
  optional LifecycleHandler preStop = 2 [(go.pointer) = true];
  optional string stopSignal = 3 [(go.pointer) = true];
}

message LifecycleHandler {
  optional ExecAction exec = 1 [(go.pointer) = true];
  optional HTTPGetAction httpGet = 2 [(go.pointer) = true];
  optional TCPSocketAction tcpSocket = 3 [(go.pointer) = true];
  optional SleepAction sleep = 4 [(go.pointer) = true];
}

message LoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  optional string ipMode = 3 [(go.pointer) = true];
  repeated PortStatus ports = 4;
}

message LoadBalancerStatus {
  repeated LoadBalancerIngress ingress = 1;
}

message LocalObjectReference {
  optional string name = 1;
}

message NFSVolumeSource {
  optional string server = 1 [(go.omitempty) = false];
  optional string path = 2 [(go.omitempty) = false];
  optional bool readOnly = 3;
}

message Namespace {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional NamespaceSpec spec = 2;
  optional NamespaceStatus status = 3;
}

message NamespaceCondition {
  optional string type = 1 [(go.omitempty) = false];
  optional string status = 2 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message NamespaceSpec {
  repeated string finalizers = 1;
}

message NamespaceStatus {
  optional string phase = 1;
  repeated NamespaceCondition conditions = 2;
}

message NodeAffinity {
  optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution = 1 [(go.pointer) = true];
  repeated PreferredSchedulingTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message NodeSelector {
  repeated NodeSelectorTerm nodeSelectorTerms = 1 [(go.omitempty) = false];
}

message NodeSelectorRequirement {
  optional string key = 1 [(go.omitempty) = false];
  optional string operator = 2 [(go.omitempty) = false];
  repeated string values = 3;
}

message NodeSelectorTerm {
  repeated NodeSelectorRequirement matchExpressions = 1;
  repeated NodeSelectorRequirement matchFields = 2;
}

message ObjectFieldSelector {
  optional string apiVersion = 1;
  optional string fieldPath = 2 [(go.omitempty) = false];
}

message ObjectReference {
  optional string kind = 1;
  optional string namespace = 2;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional string resourceVersion = 6;
  optional string fieldPath = 7;
}

message PersistentVolumeClaimSpec {
  repeated string accessModes = 1;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 4 [(go.pointer) = true];
  optional VolumeResourceRequirements resources = 2;
  optional string volumeName = 3;
  optional string storageClassName = 5 [(go.pointer) = true];
  optional string volumeMode = 6 [(go.pointer) = true];
  optional TypedLocalObjectReference dataSource = 7 [(go.pointer) = true];
  optional TypedObjectReference dataSourceRef = 8 [(go.pointer) = true];
  optional string volumeAttributesClassName = 9 [(go.pointer) = true];
}

message PersistentVolumeClaimTemplate {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional PersistentVolumeClaimSpec spec = 2;
}

message PersistentVolumeClaimVolumeSource {
  optional string claimName = 1 [(go.omitempty) = false];
  optional bool readOnly = 2;
}

message PhotonPersistentDiskVolumeSource {
  optional string pdID = 1 [(go.omitempty) = false];
  optional string fsType = 2;
}

message PodAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message PodAffinityTerm {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 1 [(go.pointer) = true];
  repeated string namespaces = 2;
  optional string topologyKey = 3 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector namespaceSelector = 4 [(go.pointer) = true];
  repeated string matchLabelKeys = 5;
  repeated string mismatchLabelKeys = 6;
}

message PodAntiAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message PodCertificateProjection {
  optional string signerName = 1;
  optional string keyType = 2;
  optional int32 maxExpirationSeconds = 3 [(go.pointer) = true];
  optional string credentialBundlePath = 4;
  optional string keyPath = 5;
  optional string certificateChainPath = 6;
  map<string, string> userAnnotations = 7;
}

message PodDNSConfig {
  repeated string nameservers = 1;
  repeated string searches = 2;
  repeated PodDNSConfigOption options = 3;
}

message PodDNSConfigOption {
  optional string name = 1;
  optional string value = 2 [(go.pointer) = true];
}

message PodOS {
  optional string name = 1 [(go.omitempty) = false];
}

message PodReadinessGate {
  optional string conditionType = 1 [(go.omitempty) = false];
}

message PodResourceClaim {
  optional string name = 1 [(go.omitempty) = false];
  optional string resourceClaimName = 3 [(go.pointer) = true];
  optional string resourceClaimTemplateName = 4 [(go.pointer) = true];
}

message PodSchedulingGate {
  optional string name = 1 [(go.omitempty) = false];
}

message PodSchedulingGroup {
  optional string podGroupName = 1 [(go.pointer) = true];
}

message PodSecurityContext {
  optional SELinuxOptions seLinuxOptions = 1 [(go.pointer) = true];
  optional WindowsSecurityContextOptions windowsOptions = 8 [(go.pointer) = true];
  optional int64 runAsUser = 2 [(go.pointer) = true];
  optional int64 runAsGroup = 6 [(go.pointer) = true];
  optional bool runAsNonRoot = 3 [(go.pointer) = true];
  repeated int64 supplementalGroups = 4;
  optional string supplementalGroupsPolicy = 12 [(go.pointer) = true];
  optional int64 fsGroup = 5 [(go.pointer) = true];
  repeated Sysctl sysctls = 7;
  optional string fsGroupChangePolicy = 9 [(go.pointer) = true];
  optional SeccompProfile seccompProfile = 10 [(go.pointer) = true];
  optional AppArmorProfile appArmorProfile = 11 [(go.pointer) = true];
  optional string seLinuxChangePolicy = 13 [(go.pointer) = true];
}

message PodSpec {
  repeated Volume volumes = 1;
  repeated Container initContainers = 20;
  repeated Container containers = 2 [(go.omitempty) = false];
  repeated EphemeralContainer ephemeralContainers = 34;
  optional string restartPolicy = 3;
  optional int64 terminationGracePeriodSeconds = 4 [(go.pointer) = true];
  optional int64 activeDeadlineSeconds = 5 [(go.pointer) = true];
  optional string dnsPolicy = 6;
  map<string, string> nodeSelector = 7;
  optional string serviceAccountName = 8;
  optional string serviceAccount = 9;
  optional bool automountServiceAccountToken = 21 [(go.pointer) = true];
  optional string nodeName = 10;
  optional bool hostNetwork = 11;
  optional bool hostPID = 12;
  optional bool hostIPC = 13;
  optional bool shareProcessNamespace = 27 [(go.pointer) = true];
  optional PodSecurityContext securityContext = 14 [(go.pointer) = true];
  repeated LocalObjectReference imagePullSecrets = 15;
  optional string hostname = 16;
  optional string subdomain = 17;
  optional Affinity affinity = 18 [(go.pointer) = true];
  optional string schedulerName = 19;
  repeated Toleration tolerations = 22;
  repeated HostAlias hostAliases = 23;
  optional string priorityClassName = 24;
  optional int32 priority = 25 [(go.pointer) = true];
  optional PodDNSConfig dnsConfig = 26 [(go.pointer) = true];
  repeated PodReadinessGate readinessGates = 28;
  optional string runtimeClassName = 29 [(go.pointer) = true];
  optional bool enableServiceLinks = 30 [(go.pointer) = true];
  optional string preemptionPolicy = 31 [(go.pointer) = true];
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> overhead = 32;
  repeated TopologySpreadConstraint topologySpreadConstraints = 33;
  optional bool setHostnameAsFQDN = 35 [(go.pointer) = true];
  optional PodOS os = 36 [(go.pointer) = true];
  optional bool hostUsers = 37 [(go.pointer) = true];
  repeated PodSchedulingGate schedulingGates = 38;
  repeated PodResourceClaim resourceClaims = 39;
  optional ResourceRequirements resources = 40 [(go.pointer) = true];
  optional string hostnameOverride = 41 [(go.pointer) = true];
  optional PodSchedulingGroup schedulingGroup = 43 [(go.pointer) = true];
}

message PodTemplateSpec {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional PodSpec spec = 2;
}

message PortStatus {
  optional int32 port = 1 [(go.omitempty) = false];
  optional string protocol = 2 [(go.omitempty) = false];
  optional string error = 3 [(go.pointer) = true];
}

message PortworxVolumeSource {
  optional string volumeID = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional bool readOnly = 3;
}

message PreferredSchedulingTerm {
  optional int32 weight = 1 [(go.omitempty) = false];
  optional NodeSelectorTerm preference = 2;
}

message Probe {
  optional ProbeHandler handler = 1 [(go.embedded) = true];
  optional int32 initialDelaySeconds = 2;
  optional int32 timeoutSeconds = 3;
  optional int32 periodSeconds = 4;
  optional int32 successThreshold = 5;
  optional int32 failureThreshold = 6;
  optional int64 terminationGracePeriodSeconds = 7 [(go.pointer) = true];
}

message ProbeHandler {
  optional ExecAction exec = 1 [(go.pointer) = true];
  optional HTTPGetAction httpGet = 2 [(go.pointer) = true];
  optional TCPSocketAction tcpSocket = 3 [(go.pointer) = true];
  optional GRPCAction grpc = 4 [(go.pointer) = true];
}

message ProjectedVolumeSource {
  repeated VolumeProjection sources = 1 [(go.omitempty) = false];
  optional int32 defaultMode = 2 [(go.pointer) = true];
}

message QuobyteVolumeSource {
  optional string registry = 1 [(go.omitempty) = false];
  optional string volume = 2 [(go.omitempty) = false];
  optional bool readOnly = 3;
  optional string user = 4;
  optional string group = 5;
  optional string tenant = 6;
}

message RBDVolumeSource {
  repeated string monitors = 1 [(go.omitempty) = false];
  optional string image = 2 [(go.omitempty) = false];
  optional string fsType = 3;
  optional string pool = 4;
  optional string user = 5;
  optional string keyring = 6;
  optional LocalObjectReference secretRef = 7 [(go.pointer) = true];
  optional bool readOnly = 8;
}

message ResourceClaim {
  optional string name = 1 [(go.omitempty) = false];
  optional string request = 2;
}

message ResourceFieldSelector {
  optional string containerName = 1;
  optional string resource = 2 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.api.resource.Quantity divisor = 3;
}

message ResourceQuota {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional ResourceQuotaSpec spec = 2;
  optional ResourceQuotaStatus status = 3;
}

message ResourceQuotaSpec {
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> hard = 1;
  repeated string scopes = 2;
  optional ScopeSelector scopeSelector = 3 [(go.pointer) = true];
}

message ResourceQuotaStatus {
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> hard = 1;
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> used = 2;
}

message ResourceRequirements {
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> limits = 1;
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> requests = 2;
  repeated ResourceClaim claims = 3;
}

message SELinuxOptions {
  optional string user = 1;
  optional string role = 2;
  optional string type = 3;
  optional string level = 4;
}

message ScaleIOVolumeSource {
  optional string gateway = 1 [(go.omitempty) = false];
  optional string system = 2 [(go.omitempty) = false];
  optional LocalObjectReference secretRef = 3 [(go.omitempty) = false, (go.pointer) = true];
  optional bool sslEnabled = 4;
  optional string protectionDomain = 5;
  optional string storagePool = 6;
  optional string storageMode = 7;
  optional string volumeName = 8;
  optional string fsType = 9;
  optional bool readOnly = 10;
}

message ScopeSelector {
  repeated ScopedResourceSelectorRequirement matchExpressions = 1;
}

message ScopedResourceSelectorRequirement {
  optional string scopeName = 1 [(go.omitempty) = false];
  optional string operator = 2 [(go.omitempty) = false];
  repeated string values = 3;
}

message SeccompProfile {
  optional string type = 1 [(go.omitempty) = false];
  optional string localhostProfile = 2 [(go.pointer) = true];
}

message Secret {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional bool immutable = 5 [(go.pointer) = true];
  map<string, bytes> data = 2;
  map<string, string> stringData = 4;
  optional string type = 3;
}

message SecretEnvSource {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  optional bool optional = 2 [(go.pointer) = true];
}

message SecretKeySelector {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  optional string key = 2 [(go.omitempty) = false];
  optional bool optional = 3 [(go.pointer) = true];
}

message SecretProjection {
  optional LocalObjectReference localObjectReference = 1 [(go.embedded) = true];
  repeated KeyToPath items = 2;
  optional bool optional = 4 [(go.pointer) = true];
}

message SecretVolumeSource {
  optional string secretName = 1;
  repeated KeyToPath items = 2;
  optional int32 defaultMode = 3 [(go.pointer) = true];
  optional bool optional = 4 [(go.pointer) = true];
}

message SecurityContext {
  optional Capabilities capabilities = 1 [(go.pointer) = true];
  optional bool privileged = 2 [(go.pointer) = true];
  optional SELinuxOptions seLinuxOptions = 3 [(go.pointer) = true];
  optional WindowsSecurityContextOptions windowsOptions = 10 [(go.pointer) = true];
  optional int64 runAsUser = 4 [(go.pointer) = true];
  optional int64 runAsGroup = 8 [(go.pointer) = true];
  optional bool runAsNonRoot = 5 [(go.pointer) = true];
  optional bool readOnlyRootFilesystem = 6 [(go.pointer) = true];
  optional bool allowPrivilegeEscalation = 7 [(go.pointer) = true];
  optional string procMount = 9 [(go.pointer) = true];
  optional SeccompProfile seccompProfile = 11 [(go.pointer) = true];
  optional AppArmorProfile appArmorProfile = 12 [(go.pointer) = true];
}

message Service {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional ServiceSpec spec = 2;
  optional ServiceStatus status = 3;
}

message ServiceAccount {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3;
  optional bool automountServiceAccountToken = 4 [(go.pointer) = true];
}

message ServiceAccountTokenProjection {
  optional string audience = 1;
  optional int64 expirationSeconds = 2 [(go.pointer) = true];
  optional string path = 3 [(go.omitempty) = false];
}

message ServicePort {
  optional string name = 1;
  optional string protocol = 2;
  optional string appProtocol = 6 [(go.pointer) = true];
  optional int32 port = 3 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString targetPort = 4;
  optional int32 nodePort = 5;
}

message ServiceSpec {
  repeated ServicePort ports = 1;
  map<string, string> selector = 2;
  optional string clusterIP = 3;
  repeated string clusterIPs = 18;
  optional string type = 4;
  repeated string externalIPs = 5;
  optional string sessionAffinity = 7;
  optional string loadBalancerIP = 8;
  repeated string loadBalancerSourceRanges = 9;
  optional string externalName = 10;
  optional string externalTrafficPolicy = 11;
  optional int32 healthCheckNodePort = 12;
  optional bool publishNotReadyAddresses = 13;
  optional SessionAffinityConfig sessionAffinityConfig = 14 [(go.pointer) = true];
  repeated string ipFamilies = 19;
  optional string ipFamilyPolicy = 17 [(go.pointer) = true];
  optional bool allocateLoadBalancerNodePorts = 20 [(go.pointer) = true];
  optional string loadBalancerClass = 21 [(go.pointer) = true];
  optional string internalTrafficPolicy = 22 [(go.pointer) = true];
  optional string trafficDistribution = 23 [(go.pointer) = true];
}

message ServiceStatus {
  optional LoadBalancerStatus loadBalancer = 1;
  repeated .k8s.io.apimachinery.pkg.apis.meta.v1.Condition conditions = 2;
}

message SessionAffinityConfig {
  optional ClientIPConfig clientIP = 1 [(go.pointer) = true];
}

message SleepAction {
  optional int64 seconds = 1 [(go.omitempty) = false];
}

message StorageOSVolumeSource {
  optional string volumeName = 1;
  optional string volumeNamespace = 2;
  optional string fsType = 3;
  optional bool readOnly = 4;
  optional LocalObjectReference secretRef = 5 [(go.pointer) = true];
}

message Sysctl {
  optional string name = 1 [(go.omitempty) = false];
  optional string value = 2 [(go.omitempty) = false];
}

message TCPSocketAction {
  optional .k8s.io.apimachinery.pkg.util.intstr.IntOrString port = 1;
  optional string host = 2;
}

message Toleration {
  optional string key = 1;
  optional string operator = 2;
  optional string value = 3;
  optional string effect = 4;
  optional int64 tolerationSeconds = 5 [(go.pointer) = true];
}

message TopologySpreadConstraint {
  optional int32 maxSkew = 1 [(go.omitempty) = false];
  optional string topologyKey = 2 [(go.omitempty) = false];
  optional string whenUnsatisfiable = 3 [(go.omitempty) = false];
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 4 [(go.pointer) = true];
  optional int32 minDomains = 5 [(go.pointer) = true];
  optional string nodeAffinityPolicy = 6 [(go.pointer) = true];
  optional string nodeTaintsPolicy = 7 [(go.pointer) = true];
  repeated string matchLabelKeys = 8;
}

message TypedLocalObjectReference {
  optional string apiGroup = 1 [(go.omitempty) = false, (go.pointer) = true];
  optional string kind = 2 [(go.omitempty) = false];
  optional string name = 3 [(go.omitempty) = false];
}

message TypedObjectReference {
  optional string apiGroup = 1 [(go.omitempty) = false, (go.pointer) = true];
  optional string kind = 2 [(go.omitempty) = false];
  optional string name = 3 [(go.omitempty) = false];
  optional string namespace = 4 [(go.pointer) = true];
}

message Volume {
  optional string name = 1 [(go.omitempty) = false];
  optional VolumeSource volumeSource = 2 [(go.embedded) = true];
}

message VolumeDevice {
  optional string name = 1 [(go.omitempty) = false];
  optional string devicePath = 2 [(go.omitempty) = false];
}

message VolumeMount {
  optional string name = 1 [(go.omitempty) = false];
  optional bool readOnly = 2;
  optional string recursiveReadOnly = 7 [(go.pointer) = true];
  optional string mountPath = 3 [(go.omitempty) = false];
  optional string subPath = 4;
  optional string mountPropagation = 5 [(go.pointer) = true];
  optional string subPathExpr = 6;
}

message VolumeProjection {
  optional SecretProjection secret = 1 [(go.pointer) = true];
  optional DownwardAPIProjection downwardAPI = 2 [(go.pointer) = true];
  optional ConfigMapProjection configMap = 3 [(go.pointer) = true];
  optional ServiceAccountTokenProjection serviceAccountToken = 4 [(go.pointer) = true];
  optional ClusterTrustBundleProjection clusterTrustBundle = 5 [(go.pointer) = true];
  optional PodCertificateProjection podCertificate = 6 [(go.pointer) = true];
}

message VolumeResourceRequirements {
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> limits = 1;
  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> requests = 2;
}

message VolumeSource {
  optional HostPathVolumeSource hostPath = 1 [(go.pointer) = true];
  optional EmptyDirVolumeSource emptyDir = 2 [(go.pointer) = true];
  optional GCEPersistentDiskVolumeSource gcePersistentDisk = 3 [(go.pointer) = true];
  optional AWSElasticBlockStoreVolumeSource awsElasticBlockStore = 4 [(go.pointer) = true];
  optional GitRepoVolumeSource gitRepo = 5 [(go.pointer) = true];
  optional SecretVolumeSource secret = 6 [(go.pointer) = true];
  optional NFSVolumeSource nfs = 7 [(go.pointer) = true];
  optional ISCSIVolumeSource iscsi = 8 [(go.pointer) = true];
  optional GlusterfsVolumeSource glusterfs = 9 [(go.pointer) = true];
  optional PersistentVolumeClaimVolumeSource persistentVolumeClaim = 10 [(go.pointer) = true];
  optional RBDVolumeSource rbd = 11 [(go.pointer) = true];
  optional FlexVolumeSource flexVolume = 12 [(go.pointer) = true];
  optional CinderVolumeSource cinder = 13 [(go.pointer) = true];
  optional CephFSVolumeSource cephfs = 14 [(go.pointer) = true];
  optional FlockerVolumeSource flocker = 15 [(go.pointer) = true];
  optional DownwardAPIVolumeSource downwardAPI = 16 [(go.pointer) = true];
  optional FCVolumeSource fc = 17 [(go.pointer) = true];
  optional AzureFileVolumeSource azureFile = 18 [(go.pointer) = true];
  optional ConfigMapVolumeSource configMap = 19 [(go.pointer) = true];
  optional VsphereVirtualDiskVolumeSource vsphereVolume = 20 [(go.pointer) = true];
  optional QuobyteVolumeSource quobyte = 21 [(go.pointer) = true];
  optional AzureDiskVolumeSource azureDisk = 22 [(go.pointer) = true];
  optional PhotonPersistentDiskVolumeSource photonPersistentDisk = 23 [(go.pointer) = true];
  optional ProjectedVolumeSource projected = 26 [(go.pointer) = true];
  optional PortworxVolumeSource portworxVolume = 24 [(go.pointer) = true];
  optional ScaleIOVolumeSource scaleIO = 25 [(go.pointer) = true];
  optional StorageOSVolumeSource storageos = 27 [(go.pointer) = true];
  optional CSIVolumeSource csi = 28 [(go.pointer) = true];
  optional EphemeralVolumeSource ephemeral = 29 [(go.pointer) = true];
  optional ImageVolumeSource image = 30 [(go.pointer) = true];
}

message VsphereVirtualDiskVolumeSource {
  optional string volumePath = 1 [(go.omitempty) = false];
  optional string fsType = 2;
  optional string storagePolicyName = 3;
  optional string storagePolicyID = 4;
}

message WeightedPodAffinityTerm {
  optional int32 weight = 1 [(go.omitempty) = false];
  optional PodAffinityTerm podAffinityTerm = 2;
}

message WindowsSecurityContextOptions {
  optional string gmsaCredentialSpecName = 1 [(go.pointer) = true];
  optional string gmsaCredentialSpec = 2 [(go.pointer) = true];
  optional string runAsUserName = 3 [(go.pointer) = true];
  optional bool hostProcess = 4 [(go.pointer) = true];
}
`;
