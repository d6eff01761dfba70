/**
 * `Draft` → `Config`: the `--sync` override, implied settings, consistency checks, the "not
 * supported yet" check and warnings. Every problem is collected before anything is thrown.
 */
import type { Draft, SyncerSetting } from './draft.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { FEATURE_DESCRIPTIONS, SUPPORTED_FEATURES, SYNCER_NAMES, type Feature, type SyncerName } from './features.js';
import type { SyncFlag } from './sync-flag.js';
import type { Config, ParsedConfig } from './types.js';

/** The seed's warning (seed 000, "Correct Cluster Functionality"). */
export const NON_FUNCTIONAL_WARNING =
  'disabling certain resources such as services, endpoints or pods can lead to a non-functional virtual Kubernetes cluster, so be careful with what resources you are deactivating';

const CRITICAL_SYNCERS: readonly SyncerName[] = ['pods', 'services', 'endpoints'];

type State = Map<SyncerName, SyncerSetting>;

function on(state: State, name: SyncerName): boolean {
  return state.get(name)?.value === true;
}

function applySyncFlag(state: State, flag: SyncFlag): void {
  for (const name of flag.enable) state.set(name, { value: true, origin: `--sync ${name}` });
  // As upstream: an explicit "-name" wins over "name", whatever the order.
  for (const name of flag.disable) state.set(name, { value: false, origin: `--sync -${name}` });
}

function decide(state: State, name: SyncerName, value: boolean, because: string): void {
  const current = state.get(name);
  if (current?.value === 'auto') state.set(name, { value, origin: `${current.origin} (auto: ${because})`, implied: true });
}

/** Implied settings of the seeds and spec §6: ingress classes follow ingresses, real nodes/PVs replace fake ones. */
function applyImplied(state: State, draft: Draft): void {
  decide(state, 'ingressclasses', on(state, 'ingresses'), `follows ${state.get('ingresses')?.origin ?? 'ingresses'}`);
  const scheduling = draft.virtualScheduler && on(state, 'persistentvolumeclaims');
  for (const name of ['csinodes', 'csidrivers', 'csistoragecapacities'] as const) {
    decide(state, name, scheduling, 'virtual scheduler with PVC sync');
  }
  decide(state, 'hoststorageclasses', scheduling && !on(state, 'storageclasses'), 'virtual scheduler with PVC sync');
  if (on(state, 'nodes')) state.set('fake-nodes', { value: false, origin: `implied by ${state.get('nodes')?.origin ?? 'nodes'}` });
  if (on(state, 'persistentvolumes')) {
    state.set('fake-persistentvolumes', {
      value: false,
      origin: `implied by ${state.get('persistentvolumes')?.origin ?? 'persistentvolumes'}`,
    });
  }
  for (const name of SYNCER_NAMES) if (!state.has(name)) state.set(name, { value: false, origin: name });
}

function conflicts(state: State, draft: Draft): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const both = (a: SyncerName, b: SyncerName, what: string): void => {
    if (on(state, a) && on(state, b)) {
      issues.push({ path: state.get(a)?.origin ?? a, message: `cannot be combined with ${state.get(b)?.origin ?? b}: ${what}` });
    }
  };
  both('storageclasses', 'hoststorageclasses', 'StorageClasses are synced either to or from the host');
  both('priorityclasses', 'hostpriorityclasses', 'PriorityClasses are synced either to or from the host');
  if (draft.virtualScheduler && !on(state, 'nodes')) {
    const origin = draft.features.find((f) => f.feature === 'virtual-scheduler')?.origin ?? 'virtual scheduler';
    issues.push({ path: origin, message: `needs real nodes (${state.get('nodes')?.origin ?? 'nodes'} must be true)` });
  }
  return issues;
}

/**
 * Explicitly enabled features that are not built yet are refused, naming the key. A feature that
 * only an `auto` default would turn on is left off with a warning instead: nobody asked for it.
 */
function unsupported(state: State, draft: Draft, supported: ReadonlySet<Feature>, notes: string[]): ConfigIssue[] {
  const issues = new Map<string, ConfigIssue>();
  const refuse = (feature: Feature, origin: string): void => {
    if (supported.has(feature) || issues.has(origin)) return;
    issues.set(origin, { path: origin, message: `${FEATURE_DESCRIPTIONS[feature]} is not supported yet` });
  };
  for (const { feature, origin } of draft.features) refuse(feature, origin);
  for (const name of SYNCER_NAMES) {
    const setting = state.get(name);
    if (setting?.value !== true || supported.has(name)) continue;
    if (setting.implied === true) {
      state.set(name, { value: false, origin: setting.origin });
      notes.push(`${setting.origin}: ${FEATURE_DESCRIPTIONS[name]} is not supported yet, so it stays off`);
    } else refuse(name, setting.origin);
  }
  return [...issues.values()];
}

function warnings(state: State, draft: Draft): string[] {
  const out = [...draft.warnings];
  for (const name of CRITICAL_SYNCERS) {
    const setting = state.get(name);
    if (setting?.value === false) out.push(`${FEATURE_DESCRIPTIONS[name]} is off (${setting.origin}): ${NON_FUNCTIONAL_WARNING}`);
  }
  return out;
}

export interface ResolveInput {
  readonly draft: Draft;
  readonly syncFlag: SyncFlag;
  readonly source: Config['source'];
  /** Features to accept; the default is `SUPPORTED_FEATURES`. */
  readonly supported?: ReadonlySet<Feature>;
}

export function resolve({ draft, syncFlag, source, supported = SUPPORTED_FEATURES }: ResolveInput): ParsedConfig {
  const state: State = new Map(draft.syncers);
  applySyncFlag(state, syncFlag);
  applyImplied(state, draft);
  const notes: string[] = [];
  const issues = [...draft.issues, ...conflicts(state, draft), ...unsupported(state, draft, supported, notes)];
  if (issues.length > 0) throw new ConfigError(issues);
  const sync = Object.fromEntries(SYNCER_NAMES.map((name) => [name, on(state, name)])) as Record<SyncerName, boolean>;
  // Namespace sync needs every ConfigMap and Secret on the host (upstream pkg/config/validation.go).
  const everything = sync.namespaces;
  const config: Config = {
    format: draft.format,
    sync,
    pods: draft.pods,
    configMaps: { all: draft.configMapsAll || everything },
    secrets: { all: draft.secretsAll || everything },
    nodes: {
      ...draft.nodes,
      // With a virtual scheduler and no label selector, every host node must be visible.
      selectorAll: draft.nodes.selectorAll || (draft.virtualScheduler && Object.keys(draft.nodes.selectorLabels).length === 0),
    },
    setOwner: draft.setOwner && !everything,
    virtualScheduler: draft.virtualScheduler,
    networking: draft.networking,
    ...(draft.workloadServiceAccount === undefined ? {} : { workloadServiceAccount: draft.workloadServiceAccount }),
    extraRules: draft.extraRules,
    source,
  };
  return { config: deepFreeze(config), warnings: [...warnings(state, draft), ...notes] };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
