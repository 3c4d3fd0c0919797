import { isIP } from "node:net";

/**
 * Which X-Forwarded-For hops to believe (TRUST_PROXY): none (the socket's address is the
 * client), the last `hops` hops (that many reverse proxies in front, each appending the
 * address it saw), or hops appended by the listed proxy addresses.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; addresses: ReadonlySet<string> };

/** Reads TRUST_PROXY: unset/`false`, `true` (one proxy), a number of proxies, or proxy addresses separated by commas. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return { kind: "none" };
  if (value === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(value)) return { kind: "hops", hops: Math.min(10, Number(value)) };
  const addresses = value.split(",").map((a) => canonicalAddress(a.trim()));
  const bad = addresses.find((a) => !isIP(a));
  if (bad !== undefined) throw new Error(`TRUST_PROXY must be true, false, a number of proxies or proxy addresses, got "${raw}"`);
  return { kind: "addresses", addresses: new Set(addresses) };
}

/** "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) as "127.0.0.1". */
export function canonicalAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client's address: the socket's, or — behind trusted proxies — the rightmost
 * X-Forwarded-For hop that no trusted proxy added. Hops further left are whatever the
 * client sent and are never believed; a malformed hop counts as the client's (so a forged
 * header gives its sender one key of its own, not someone else's).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null, trust: TrustProxy): string {
  const remote = canonicalAddress(socketAddress ?? "unknown");
  if (trust.kind === "none" || !forwardedFor) return remote;
  const hops = forwardedFor.split(",").map((hop) => canonicalAddress(hop.trim())).filter(Boolean);
  if (trust.kind === "hops") {
    // The last proxy appended the address it saw; `hops` proxies appended `hops` entries.
    const index = hops.length - trust.hops;
    return (index >= 0 ? hops[index] : hops[0]) ?? remote;
  }
  if (!trust.addresses.has(remote)) return remote;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trust.addresses.has(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? remote;
}
