const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * A container's IPv4 address from `docker inspect`: on the `bridge` network first, then on any
 * network, then the legacy top-level field. null when it has none (no network, or not running).
 */
export function containerIpv4(info: { readonly NetworkSettings?: unknown }): string | null {
  const settings = (info.NetworkSettings ?? {}) as { Networks?: Record<string, { IPAddress?: string } | null>; IPAddress?: string };
  const networks = settings.Networks ?? {};
  const candidates = [networks.bridge?.IPAddress, ...Object.values(networks).map((n) => n?.IPAddress), settings.IPAddress];
  return candidates.find((ip): ip is string => typeof ip === 'string' && IPV4.test(ip)) ?? null;
}
