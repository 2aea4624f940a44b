/**
 * A bridge network for containerd containers, made by isobench itself with the CNI plugins of
 * Debian's `containernetworking-plugins` (/usr/lib/cni). `ctr run --cni` (containerd 1.6) reads
 * its configuration only from /etc/cni/net.d and its plugins only from /opt/cni/bin: a file
 * there would be the host's CNI set-up (a system containerd's CRI picks up any conflist in that
 * directory), not isobench's. So isobench makes a network namespace, calls the `bridge` plugin
 * (host-local IPAM, its state under /run/isobench/cni) on it, and `ctr run --with-ns` joins it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';

export const CNI_PLUGIN_DIRS = ['/usr/lib/cni', '/opt/cni/bin'];
export const BRIDGE_NAME = 'isobench0';
/** Away from Docker's 172.17.0.0/16 and CNI's usual 10.88.0.0/16. */
export const SUBNET = '10.213.0.0/24';
const STATE_DIR = '/run/isobench/cni';
const CALL_TIMEOUT_MS = 15_000;

/** The CNI network configuration (one bridge plugin, CNI spec 1.0.0). */
export function bridgeConfig(): string {
  return JSON.stringify({
    cniVersion: '1.0.0',
    name: 'isobench',
    type: 'bridge',
    bridge: BRIDGE_NAME,
    isGateway: true,
    ipMasq: false,
    ipam: { type: 'host-local', ranges: [[{ subnet: SUBNET }]], dataDir: join(STATE_DIR, 'ipam') },
  });
}

const addResult = z.object({ ips: z.array(z.object({ address: z.string() })).min(1) });

/** The container's IPv4 in a CNI ADD result (`10.213.0.5/24` → `10.213.0.5`). */
export function parseAddResult(stdout: string): string {
  const address = addResult.parse(JSON.parse(stdout)).ips.map((ip) => ip.address.split('/')[0] as string).find((a) => a.includes('.'));
  if (!address) throw new Error('the bridge plugin gave the container no IPv4 address');
  return address;
}

export interface ContainerNetwork {
  /** for `ctr run --with-ns network:PATH` */
  readonly netnsPath: string;
  readonly ipv4: string;
}

/** Where the CNI bridge plugin is; throws saying what to install when it is nowhere. */
export function cniPluginDir(): string {
  const dir = CNI_PLUGIN_DIRS.find((d) => existsSync(join(d, 'bridge')) && existsSync(join(d, 'host-local')));
  if (!dir) {
    throw new Error(`a bridge network on containerd needs the CNI plugins bridge and host-local (looked in ${CNI_PLUGIN_DIRS.join(', ')}); `
      + 'install them: apt-get install containernetworking-plugins');
  }
  return dir;
}

/** Whether the container has a network namespace of isobench's. */
export const hasNetwork = (id: string): boolean => existsSync(netnsPath(id));

const netnsName = (id: string): string => id;
const netnsPath = (id: string): string => `/var/run/netns/${netnsName(id)}`;

function plugin(command: 'ADD' | 'DEL', id: string, pluginDir: string) {
  return execa(join(pluginDir, 'bridge'), [], {
    input: bridgeConfig(),
    timeout: CALL_TIMEOUT_MS,
    reject: false,
    env: { CNI_COMMAND: command, CNI_CONTAINERID: id, CNI_NETNS: netnsPath(id), CNI_IFNAME: 'eth0', CNI_PATH: pluginDir },
  });
}

/** Makes the container's network namespace on isobench's bridge; throws (having undone it) when it cannot. */
export async function addNetwork(id: string, pluginDir: string): Promise<ContainerNetwork> {
  mkdirSync(STATE_DIR, { recursive: true });
  await execa('ip', ['netns', 'add', netnsName(id)], { timeout: CALL_TIMEOUT_MS });
  const added = await plugin('ADD', id, pluginDir);
  try {
    // a new namespace's lo is down; Docker brings it up, and programs talking to 127.0.0.1 need it (CNI's loopback plugin does the same)
    const lo = await execa('ip', ['-n', netnsName(id), 'link', 'set', 'lo', 'up'], { timeout: CALL_TIMEOUT_MS, reject: false });
    if (lo.exitCode !== 0) throw new Error(`cannot bring lo up in the container's network namespace: ${String(lo.stderr).trim()}`);
    if (added.exitCode !== 0) throw new Error(`the CNI bridge plugin failed: ${String(added.stdout || added.stderr).trim().slice(0, 300)}`);
    return { netnsPath: netnsPath(id), ipv4: parseAddResult(String(added.stdout)) };
  } catch (error) {
    await removeNetwork(id, pluginDir);
    throw error;
  }
}

/** Releases the address and removes the namespace; never throws. */
export async function removeNetwork(id: string, pluginDir: string): Promise<void> {
  await plugin('DEL', id, pluginDir).catch(() => undefined);
  await execa('ip', ['netns', 'delete', netnsName(id)], { timeout: CALL_TIMEOUT_MS, reject: false });
}
