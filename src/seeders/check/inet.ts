// PostgreSQL's inet containment in CHECKs (`ip << '10.0.0.0/8'::inet`, `'192.168.0.0/16' >> ip`),
// for IPv4 addresses: a network strictly contains an address or a smaller network.

/** An IPv4 address or network as text (`10.1.2.3`, `10.0.0.0/8`): its address and mask length. */
export function parseIpv4(text: string): { addr: number; bits: number } | null {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1, 5).map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (parts.some((p) => p > 255) || bits > 32) return null;
  return { addr: ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3], bits };
}

/** `inner << outer`: outer's network holds inner, and inner is smaller (null: not IPv4 text). */
export function strictlyWithin(inner: string, outer: string): boolean | null {
  const a = parseIpv4(inner), b = parseIpv4(outer);
  if (!a || !b) return null;
  const mask = b.bits === 0 ? 0 : (0xffffffff << (32 - b.bits)) >>> 0;
  return a.bits > b.bits && ((a.addr & mask) >>> 0) === ((b.addr & mask) >>> 0);
}

/** A random host address inside an IPv4 network (`10.0.0.0/8` → `10.213.7.44`), or null. */
export function hostWithin(network: string, rnd: () => number): string | null {
  const n = parseIpv4(network);
  if (!n || n.bits >= 31) return null;
  const size = 2 ** (32 - n.bits);
  const base = n.bits === 0 ? 0 : ((n.addr & ((0xffffffff << (32 - n.bits)) >>> 0)) >>> 0);
  const a = base + 1 + Math.floor(rnd() * (size - 2));
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}
