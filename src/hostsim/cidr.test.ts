import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CidrError, formatCidr, IpPool, nodeMaskSize, nodeSubnet, parseCidr } from './cidr.js';

describe('CIDRs', () => {
  it('parses and formats', () => {
    assert.equal(formatCidr(parseCidr('10.244.0.0/16')), '10.244.0.0/16');
    assert.equal(formatCidr(parseCidr('192.168.4.0/22')), '192.168.4.0/22');
  });
  for (const bad of ['10.244.0.0', '10.244.0.1/16', '10.244.0.0/33', '300.1.1.1/8', 'x/8', '10.0.0.0/8/1']) {
    it(`rejects ${bad}`, () => { assert.throws(() => parseCidr(bad), CidrError); });
  }
  const masks: [number, number][] = [[110, 24], [253, 24], [254, 23], [500, 23], [1000, 22], [5000, 19]];
  for (const [pods, mask] of masks) it(`${pods} pods per node → /${mask}`, () => { assert.equal(nodeMaskSize(pods), mask); });
  it('hands out node subnets in order and refuses what does not fit', () => {
    const cluster = parseCidr('10.244.0.0/16');
    assert.equal(formatCidr(nodeSubnet(cluster, 24, 0)), '10.244.0.0/24');
    assert.equal(formatCidr(nodeSubnet(cluster, 24, 2)), '10.244.2.0/24');
    assert.equal(formatCidr(nodeSubnet(cluster, 23, 1)), '10.244.2.0/23');
    assert.throws(() => nodeSubnet(cluster, 24, 256), /room for 256 node subnets/);
    assert.throws(() => nodeSubnet(parseCidr('10.244.0.0/24'), 16, 0), CidrError);
  });
});

describe('IpPool', () => {
  it('skips network, gateway and broadcast, keeps an owner on one address', () => {
    const pool = new IpPool(parseCidr('10.244.1.0/24'));
    assert.equal(pool.capacity, 253);
    assert.equal(pool.allocate('a'), '10.244.1.2');
    assert.equal(pool.allocate('b'), '10.244.1.3');
    assert.equal(pool.allocate('a'), '10.244.1.2');
  });
  it('reuses released addresses only after going round', () => {
    const pool = new IpPool(parseCidr('10.0.0.0/29'));
    const got = ['a', 'b', 'c', 'd', 'e'].map((o) => pool.allocate(o));
    assert.deepEqual(got, ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    assert.equal(pool.allocate('f'), undefined);
    pool.release('b');
    pool.release('d');
    assert.equal(pool.allocate('g'), '10.0.0.3');
    assert.equal(pool.allocate('h'), '10.0.0.5');
    assert.equal(pool.used, 5);
  });
  it('claims addresses found on pods, refusing foreign or taken ones', () => {
    const pool = new IpPool(parseCidr('10.244.0.0/24'));
    assert.equal(pool.claim('a', '10.244.0.7'), true);
    assert.equal(pool.claim('b', '10.244.0.7'), false);
    assert.equal(pool.claim('c', '10.244.1.7'), false);
    assert.equal(pool.claim('d', 'bogus'), false);
    assert.equal(pool.holds('a'), '10.244.0.7');
    assert.equal(pool.allocate('a'), '10.244.0.7');
  });
});
