/**
 * Volumes of host pods (`translateVolumes`, spec §3.1 "Volumes"): every reference to a namespaced
 * object gets its host name, ephemeral volumes point at the claim the virtual cluster's
 * ephemeral-volume controller creates, downward-API paths read the host annotations, and projected
 * service-account tokens are replaced by tokens of the virtual service account.
 */
import type {
  DownwardAPIVolumeFile,
  LocalObjectReference,
  Pod,
  ProjectedVolumeSource,
  SecretReference,
  Volume,
  VolumeProjection,
} from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { hostRefName, translateFieldRef } from './pods-env.translate.js';
import { tokenAnnotationKey, tokenSecretHostName, tokenSecretKey, TOKEN_FILE_MODE, type IssuedToken } from './pods-tokens.translate.js';

export interface TokenPlacement {
  /** Tokens kept in the pod's token Secret (`useSecretsForSATokens`, our default) or in annotations. */
  readonly useSecrets: boolean;
  readonly tokens: readonly IssuedToken[];
}

export interface TranslatedVolumes {
  readonly volumes: Volume[] | undefined;
  /** Annotations holding tokens (annotation mode only). */
  readonly tokenAnnotations: Record<string, string>;
  /** Data of the token Secret (Secret mode only); empty when the pod projects no token. */
  readonly tokenSecretData: Record<string, string>;
}

/** The claim the ephemeral-volume controller makes for a pod's ephemeral volume. */
export function ephemeralClaimName(podName: string, volumeName: string): string {
  return `${podName}-${volumeName}`;
}

function localRef<T extends LocalObjectReference>(ctx: NameContext, ref: T | undefined, namespace: string): T | undefined {
  if (ref === undefined) return undefined;
  return ref.name === undefined || ref.name === '' ? ref : { ...ref, name: hostRefName(ctx, ref.name, namespace) };
}

function secretRef(ctx: NameContext, ref: SecretReference | undefined, namespace: string): SecretReference | undefined {
  if (ref === undefined) return undefined;
  return ref.name === undefined || ref.name === '' ? ref : { ...ref, name: hostRefName(ctx, ref.name, namespace) };
}

function downwardItems(ctx: NameContext, items: readonly DownwardAPIVolumeFile[] | undefined): DownwardAPIVolumeFile[] | undefined {
  return items?.map((item) => (item.fieldRef === undefined ? item : { ...item, fieldRef: translateFieldRef(ctx, item.fieldRef) }));
}

interface TokenState {
  readonly placement: TokenPlacement;
  readonly secretName: string;
  readonly annotations: Record<string, string>;
  readonly secretData: Record<string, string>;
}

function tokenSource(state: TokenState, volumeName: string, sourceIndex: number, path: string): VolumeProjection {
  const token = state.placement.tokens.find((t) => t.volumeName === volumeName && t.sourceIndex === sourceIndex);
  if (token === undefined) throw new Error(`no token was issued for projected volume ${volumeName} source ${sourceIndex}`);
  if (state.placement.useSecrets) {
    const key = tokenSecretKey(token, !(volumeName in state.secretData));
    state.secretData[key] = token.token;
    return { secret: { name: state.secretName, items: [{ key, path, mode: TOKEN_FILE_MODE }] } };
  }
  const annotation = tokenAnnotationKey(token);
  state.annotations[annotation] = token.token;
  return {
    downwardAPI: {
      items: [{ path, fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${annotation}']` }, mode: TOKEN_FILE_MODE }],
    },
  };
}

function translateProjected(
  ctx: NameContext,
  projected: ProjectedVolumeSource,
  volumeName: string,
  namespace: string,
  tokens: TokenState,
): ProjectedVolumeSource {
  const sources = projected.sources?.map((source, index): VolumeProjection => {
    if (source.serviceAccountToken !== undefined) return tokenSource(tokens, volumeName, index, source.serviceAccountToken.path);
    const out: VolumeProjection = { ...source };
    const secret = localRef(ctx, source.secret, namespace);
    if (secret !== undefined) out.secret = secret;
    const configMap = localRef(ctx, source.configMap, namespace);
    if (configMap !== undefined) out.configMap = configMap;
    const items = downwardItems(ctx, source.downwardAPI?.items);
    if (source.downwardAPI !== undefined && items !== undefined) out.downwardAPI = { ...source.downwardAPI, items };
    return out;
  });
  return sources === undefined ? projected : { ...projected, sources };
}

function translateVolume(ctx: NameContext, volume: Volume, pod: Pod, tokens: TokenState): Volume {
  const namespace = pod.metadata?.namespace ?? '';
  const ref = (name: string): string => hostRefName(ctx, name, namespace);
  const out: Volume = { ...volume };
  if (volume.configMap?.name !== undefined) out.configMap = { ...volume.configMap, name: ref(volume.configMap.name) };
  if (volume.secret?.secretName !== undefined) out.secret = { ...volume.secret, secretName: ref(volume.secret.secretName) };
  if (volume.persistentVolumeClaim !== undefined) {
    out.persistentVolumeClaim = { ...volume.persistentVolumeClaim, claimName: ref(volume.persistentVolumeClaim.claimName) };
  }
  if (volume.ephemeral !== undefined) {
    // The virtual cluster's controller creates the claim (owned by the pod); the host must not make a second one.
    delete out.ephemeral;
    out.persistentVolumeClaim = { claimName: ref(ephemeralClaimName(pod.metadata?.name ?? '', volume.name)) };
  }
  if (volume.projected !== undefined) out.projected = translateProjected(ctx, volume.projected, volume.name, namespace, tokens);
  if (volume.downwardAPI !== undefined) {
    const items = downwardItems(ctx, volume.downwardAPI.items);
    out.downwardAPI = items === undefined ? volume.downwardAPI : { ...volume.downwardAPI, items };
  }
  if (volume.iscsi?.secretRef !== undefined) out.iscsi = { ...volume.iscsi, secretRef: localRef(ctx, volume.iscsi.secretRef, namespace) };
  if (volume.rbd?.secretRef !== undefined) out.rbd = { ...volume.rbd, secretRef: localRef(ctx, volume.rbd.secretRef, namespace) };
  if (volume.flexVolume?.secretRef !== undefined) {
    out.flexVolume = { ...volume.flexVolume, secretRef: localRef(ctx, volume.flexVolume.secretRef, namespace) };
  }
  if (volume.cinder?.secretRef !== undefined) out.cinder = { ...volume.cinder, secretRef: localRef(ctx, volume.cinder.secretRef, namespace) };
  if (volume.cephfs?.secretRef !== undefined) out.cephfs = { ...volume.cephfs, secretRef: localRef(ctx, volume.cephfs.secretRef, namespace) };
  if (volume.azureFile !== undefined && volume.azureFile.secretName !== '') {
    out.azureFile = { ...volume.azureFile, secretName: ref(volume.azureFile.secretName) };
  }
  if (volume.scaleIO !== undefined) {
    const scaleIORef = secretRef(ctx, volume.scaleIO.secretRef, namespace);
    if (scaleIORef !== undefined) out.scaleIO = { ...volume.scaleIO, secretRef: scaleIORef };
  }
  if (volume.storageos?.secretRef !== undefined) {
    out.storageos = { ...volume.storageos, secretRef: localRef(ctx, volume.storageos.secretRef, namespace) };
  }
  if (volume.csi?.nodePublishSecretRef !== undefined) {
    out.csi = { ...volume.csi, nodePublishSecretRef: localRef(ctx, volume.csi.nodePublishSecretRef, namespace) };
  }
  if (volume.glusterfs !== undefined && volume.glusterfs.endpoints !== '') {
    out.glusterfs = { ...volume.glusterfs, endpoints: ref(volume.glusterfs.endpoints) };
  }
  return out;
}

/** The host pod's volumes, plus where the virtual service-account tokens went. */
export function translateVolumes(ctx: NameContext, pod: Pod, placement: TokenPlacement): TranslatedVolumes {
  const state: TokenState = {
    placement,
    secretName: tokenSecretHostName(ctx, pod.metadata?.name ?? '', pod.metadata?.namespace ?? '').name,
    annotations: {},
    secretData: {},
  };
  const volumes = pod.spec?.volumes?.map((v) => translateVolume(ctx, v, pod, state));
  return { volumes, tokenAnnotations: state.annotations, tokenSecretData: state.secretData };
}
