/**
 * `cidr` modifier (modifiers appendix, "Ip only"): the field holds an IPv4 or IPv6 address inside
 * the given network. Addresses are compared as integers (BigInt for IPv6); a field that is not an
 * address of the same family does not match.
 */

export class CidrError extends Error {
  override readonly name = 'CidrError';
}

interface Network {
  v6: boolean;
  base: bigint;
  mask: bigint;
}

export function parseCidr(text: string): (value: string) => boolean {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const bits = v6 ? 128 : 32;
  const prefix = slash < 0 ? bits : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || /\s/.test(text)) {
    throw new CidrError(`invalid CIDR network "${text}"`);
  }
  const base = v6 ? parseIpv6(addr) : parseIpv4(addr);
  if (base === null) throw new CidrError(`invalid CIDR network "${text}"`);
  const all = (1n << BigInt(bits)) - 1n;
  const mask = prefix === 0 ? 0n : (all << BigInt(bits - prefix)) & all;
  const net: Network = { v6, base: base & mask, mask };
  return (value) => {
    const v = value.trim();
    const n = net.v6 ? (v.includes(':') ? parseIpv6(v) : null) : parseIpv4(v);
    return n !== null && (n & net.mask) === net.base;
  };
}

export function parseIpv4(s: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let n = 0n;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return null;
    n = (n << 8n) | BigInt(b);
  }
  return n;
}

export function parseIpv6(input: string): bigint | null {
  let s = input;
  const pct = s.indexOf('%'); // zone id
  if (pct >= 0) s = s.slice(0, pct);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  // Embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!left || !right) return null;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - left.length - right.length;
    if (fill < 1) return null;
    groups = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) return null;
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(g);
  return n;
}
