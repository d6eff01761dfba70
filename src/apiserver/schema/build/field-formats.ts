/**
 * Number and byte formats kubernetes-types cannot express (it types every number as `number` and
 * `[]byte` as `string`). Facts from the Go types of Kubernetes 1.30: every other number field is an
 * int32 (`type: integer, format: int32`); the ones listed here are int64 (`integer/int64`), float64
 * (`number/double`) or a base64 `[]byte` (`string/byte`). A format applies to the field itself, or to
 * the items of a list field, or to the values of a map field.
 */

export type FieldFormat = 'int64' | 'double' | 'byte';

const core = (name: string): string => `io.k8s.api.core.v1.${name}`;
const apps = (name: string): string => `io.k8s.api.apps.v1.${name}`;
const meta = (name: string): string => `io.k8s.apimachinery.pkg.apis.meta.v1.${name}`;
const apiextensions = (name: string): string =>
  `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.${name}`;

export const fieldFormats: Readonly<Record<string, Readonly<Record<string, FieldFormat>>>> = {
  [core('ConfigMap')]: { binaryData: 'byte' },
  [core('ContainerImage')]: { sizeBytes: 'int64' },
  [core('PodSecurityContext')]: {
    fsGroup: 'int64',
    runAsGroup: 'int64',
    runAsUser: 'int64',
    supplementalGroups: 'int64',
  },
  [core('PodSpec')]: { activeDeadlineSeconds: 'int64', terminationGracePeriodSeconds: 'int64' },
  [core('Probe')]: { terminationGracePeriodSeconds: 'int64' },
  [core('ReplicationControllerStatus')]: { observedGeneration: 'int64' },
  [core('Secret')]: { data: 'byte' },
  [core('SecurityContext')]: { runAsGroup: 'int64', runAsUser: 'int64' },
  [core('ServiceAccountTokenProjection')]: { expirationSeconds: 'int64' },
  [core('SleepAction')]: { seconds: 'int64' },
  [core('Toleration')]: { tolerationSeconds: 'int64' },

  [apps('ControllerRevision')]: { revision: 'int64' },
  [apps('DaemonSetStatus')]: { observedGeneration: 'int64' },
  [apps('DeploymentStatus')]: { observedGeneration: 'int64' },
  [apps('ReplicaSetStatus')]: { observedGeneration: 'int64' },
  [apps('StatefulSetStatus')]: { observedGeneration: 'int64' },

  ['io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus']: { observedGeneration: 'int64' },
  ['io.k8s.api.batch.v1.CronJobSpec']: { startingDeadlineSeconds: 'int64' },
  ['io.k8s.api.batch.v1.JobSpec']: { activeDeadlineSeconds: 'int64' },
  ['io.k8s.api.policy.v1.PodDisruptionBudgetStatus']: { observedGeneration: 'int64' },
  ['io.k8s.api.storage.v1.TokenRequest']: { expirationSeconds: 'int64' },
  ['io.k8s.api.authentication.v1.TokenRequestSpec']: { expirationSeconds: 'int64' },

  [meta('Condition')]: { observedGeneration: 'int64' },
  [meta('DeleteOptions')]: { gracePeriodSeconds: 'int64' },
  [meta('ListMeta')]: { remainingItemCount: 'int64' },
  [meta('ObjectMeta')]: { deletionGracePeriodSeconds: 'int64', generation: 'int64' },

  [apiextensions('JSONSchemaProps')]: {
    maxItems: 'int64',
    maxLength: 'int64',
    maxProperties: 'int64',
    maximum: 'double',
    minItems: 'int64',
    minLength: 'int64',
    minProperties: 'int64',
    minimum: 'double',
    multipleOf: 'double',
  },
  [apiextensions('WebhookClientConfig')]: { caBundle: 'byte' },
};
