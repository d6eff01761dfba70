// The controller runtime's public surface: it talks to API servers only through src/client.
export { Backoff, type BackoffOptions } from './backoff.js';
export { WorkQueue, type WorkQueueOptions } from './work-queue.js';
export { ItemExponentialRateLimiter, BucketRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';
export { Indexer, NAMESPACE_INDEX, OWNER_UID_INDEX, namespaceIndex, ownerUidIndex, UnknownIndexError, type IndexFunc } from './indexer.js';
export { Informer, type InformerOptions, type EventHandler, type ObjectCache, type Syncable, type Selection, type ListWatchClient } from './informer.js';
export { InformerFactory, type InformerFactoryOptions, type SharedInformerOptions } from './informer-factory.js';
export {
  enqueueObject,
  enqueueOwner,
  controllerOf,
  ownerReference,
  generationChanged,
  resourceVersionChanged,
  labelsChanged,
  allOf,
  anyOf,
  type KeyMapper,
  type ObjectEvent,
  type Predicate,
  type OwnerSelector,
} from './event-mapping.js';
export { Controller, TerminalError, LeadershipLostError, type ControllerOptions, type Reconcile, type ReconcileResult, type WatchSpec } from './controller.js';
export { LeaderElector, microTime, type LeaderElectionOptions, type LeaderCallbacks, type LeaseClient } from './leader-election.js';
export { Manager, type ManagerOptions, type Runnable } from './manager.js';
