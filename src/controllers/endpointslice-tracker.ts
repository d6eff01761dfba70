import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';

type Expectation =
  | { readonly kind: 'created'; readonly at: number }
  | { readonly kind: 'updated'; readonly staleResourceVersion: string; readonly at: number }
  | { readonly kind: 'deleted'; readonly at: number };

/** After this long an expectation is dropped: the cache is assumed to have caught up somehow. */
const EXPIRY_MS = 30_000;

/**
 * Remembers this controller's own slice writes until the informer cache shows them, so that a
 * reconcile working from a cache that lags behind does not create the same slices twice (kube's
 * endpointSliceTracker). Expectations are per service key and slice name; they need no ordering
 * of resourceVersions, only equality.
 */
export class EndpointSliceTracker {
  private readonly expected = new Map<string, Map<string, Expectation>>();

  constructor(private readonly now: () => number) {}

  created(serviceKey: string, slice: EndpointSlice): void {
    this.set(serviceKey, slice.metadata?.name ?? '', { kind: 'created', at: this.now() });
  }

  /** `before` is the slice as the cache had it when the update was sent. */
  updated(serviceKey: string, before: EndpointSlice): void {
    this.set(serviceKey, before.metadata?.name ?? '', { kind: 'updated', staleResourceVersion: before.metadata?.resourceVersion ?? '', at: this.now() });
  }

  deleted(serviceKey: string, slice: EndpointSlice): void {
    this.set(serviceKey, slice.metadata?.name ?? '', { kind: 'deleted', at: this.now() });
  }

  /** The cache saw a slice go: nothing about it is expected any more. */
  observedDeletion(serviceKey: string, name: string): void {
    const forService = this.expected.get(serviceKey);
    forService?.delete(name);
    if (forService?.size === 0) this.expected.delete(serviceKey);
  }

  forgetService(serviceKey: string): void {
    this.expected.delete(serviceKey);
  }

  /** Whether `cached` (the service's slices in the cache) reflects every write; confirmed ones are forgotten. */
  upToDate(serviceKey: string, cached: readonly EndpointSlice[]): boolean {
    const forService = this.expected.get(serviceKey);
    if (!forService) return true;
    const byName = new Map(cached.map((s) => [s.metadata?.name ?? '', s]));
    let fresh = true;
    for (const [name, expectation] of forService) {
      const slice = byName.get(name);
      const seen = expectation.kind === 'created' ? slice !== undefined : expectation.kind === 'deleted' ? slice === undefined : slice?.metadata?.resourceVersion !== expectation.staleResourceVersion;
      if (seen || this.now() - expectation.at > EXPIRY_MS) forService.delete(name);
      else fresh = false;
    }
    if (forService.size === 0) this.expected.delete(serviceKey);
    return fresh;
  }

  private set(serviceKey: string, name: string, expectation: Expectation): void {
    let forService = this.expected.get(serviceKey);
    if (!forService) {
      forService = new Map();
      this.expected.set(serviceKey, forService);
    }
    forService.set(name, expectation);
  }
}
