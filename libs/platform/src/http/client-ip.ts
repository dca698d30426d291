import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 client it carries; a zone (%eth0) means nothing here. */
function canonical(ip: string): string {
  const plain = ip.split('%')[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  return mapped ? mapped[1] : plain.toLowerCase();
}

/**
 * The client's address, as far as it may be believed. Fastify resolves X-Forwarded-For through TRUST_PROXY (a hop
 * count or the proxies' addresses); whatever that yields must still be an IP address, or the connection's own peer
 * (the proxy) is used: a forged header can then neither smuggle text into `ip` columns nor escape the per-IP limits.
 */
export function clientIp(request: FastifyRequest): string {
  const claimed = request.ip ?? '';
  if (isIP(canonical(claimed))) return canonical(claimed);
  return canonical(request.socket?.remoteAddress ?? '0.0.0.0');
}

/** Expands an IPv6 address to its eight groups. */
function groupsOf(ip: string): string[] {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail takes two groups.
  const last = (tail === undefined ? left : right).at(-1) ?? '';
  const v4 = last.includes('.') ? 1 : 0;
  const missing = 8 - left.length - right.length - v4;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
}

/**
 * What per-IP limits count: an IPv4 address, or an IPv6 /64 (one customer's network: every device behind one home
 * router, and the 2^64 addresses a single host can use to dodge a per-address limit).
 */
export function ipBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = groupsOf(ip);
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
