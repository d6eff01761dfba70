import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROLLERS, ControllerSelectionError, selectControllers } from './manager.js';

const names = (list: readonly string[] | undefined): string[] => selectControllers(list).map((c) => c.name);

describe('selectControllers', () => {
  it('runs everything by default', () => {
    assert.deepEqual(names(undefined), CONTROLLERS.map((c) => c.name));
  });
  it('takes names, aliases and exclusions as kube-controller-manager --controllers', () => {
    assert.deepEqual(names(['namespace', 'garbage-collector-controller']), ['namespace-controller', 'garbage-collector-controller']);
    assert.deepEqual(names(['*', '-garbagecollector', '-endpoint']).includes('garbage-collector-controller'), false);
    assert.deepEqual(names(['*', '-endpoint']).includes('endpoints-controller'), false);
    assert.deepEqual(names(['*', '-endpoint']).includes('endpointslice-controller'), true);
    assert.deepEqual(names([]), []);
  });
  it('keeps the garbage collector last, after the caches it reuses', () => {
    assert.equal(names(undefined).at(-1), 'garbage-collector-controller');
  });
  it('refuses unknown names', () => {
    assert.throws(() => selectControllers(['nope']), ControllerSelectionError);
  });
});
