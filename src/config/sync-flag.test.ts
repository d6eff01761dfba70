import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors.js';
import { parseSyncFlag } from './sync-flag.js';

describe('--sync', () => {
  const cases = [
    { flag: '-services,+ingresses', enable: ['ingresses'], disable: ['services'] },
    { flag: ' pods , -events ', enable: ['pods'], disable: ['events'] },
    { flag: ['nodes', '-fake-nodes,persistentvolumes'], enable: ['nodes', 'persistentvolumes'], disable: ['fake-nodes'] },
    { flag: 'volumesnapshots', enable: ['volumesnapshots', 'volumesnapshotcontents', 'volumesnapshotclasses'], disable: [] },
    { flag: '-endpointslices', enable: [], disable: ['endpointslices'] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.flag), () => {
      assert.deepEqual(parseSyncFlag(c.flag), { enable: c.enable, disable: c.disable });
    });
  }
  for (const bad of ['ingressesclasses', 'pods,', '-', '+']) {
    it(`${JSON.stringify(bad)} is refused`, () => {
      assert.throws(() => parseSyncFlag(bad), (e: unknown) => e instanceof ConfigError && e.issues[0]?.path === '--sync');
    });
  }
});
