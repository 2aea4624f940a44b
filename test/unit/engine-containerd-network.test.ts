import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIDGE_NAME, bridgeConfig, parseAddResult, SUBNET } from '../../src/engine/containerd/network.js';

describe('the CNI bridge network of containerd containers', () => {
  it('configures one bridge with host-local addresses in isobench\'s own subnet and state directory', () => {
    const config = JSON.parse(bridgeConfig());
    expect(config).toMatchObject({ type: 'bridge', bridge: BRIDGE_NAME, isGateway: true, ipMasq: false });
    expect(config.ipam.ranges).toEqual([[{ subnet: SUBNET }]]);
    expect(config.ipam.dataDir).toMatch(/^\/run\/isobench\//);
  });

  it('reads the container\'s IPv4 from the bridge plugin\'s ADD result (captured)', () => {
    const captured = readFileSync(new URL('fixtures/containerd/cni-bridge-add.json', import.meta.url), 'utf8');
    expect(parseAddResult(captured)).toBe('10.213.0.6');
  });

  it('refuses a result without an address', () => {
    expect(() => parseAddResult('{"cniVersion":"1.0.0","ips":[]}')).toThrow();
    expect(() => parseAddResult('{"ips":[{"address":"fd00::5/64"}]}')).toThrow(/no IPv4/);
  });
});
