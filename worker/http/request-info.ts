import type { Context } from 'hono';

/**
 * The client's address as Cloudflare's edge saw it. `CF-Connecting-IP` is set by the edge and cannot be
 * supplied by the client in production; locally `wrangler dev` sets it to the loopback address.
 */
export function clientIp(c: Context): string {
	return c.req.header('cf-connecting-ip') ?? '0.0.0.0';
}

/**
 * The throttling key for an address: IPv6 clients usually control a whole /64, so counting single
 * addresses would let one client rotate through 2^64 of them.
 */
export function ipThrottleKey(ip: string): string {
	if (!ip.includes(':')) return `ip:${ip}`;
	const groups = expandIpv6(ip);
	return `ip6:${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
	const [head, tail = ''] = ip.split('::');
	const h = head ? head.split(':') : [];
	const t = tail ? tail.split(':') : [];
	const missing = Math.max(0, 8 - h.length - t.length);
	return [...h, ...Array(missing).fill('0'), ...t].map((g) => g.toLowerCase().padStart(4, '0'));
}

/** User agents are stored for the person's activity list; cap them so a huge header cannot bloat rows. */
export function userAgent(c: Context): string {
	return (c.req.header('user-agent') ?? '').slice(0, 300);
}
