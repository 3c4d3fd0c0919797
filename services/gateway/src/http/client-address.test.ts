import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy } from "./client-address.ts";

describe("the client address behind proxies (TRUST_PROXY)", () => {
  it("given no trusted proxy, when a client sends X-Forwarded-For, then the socket's address counts", () => {
    expect(clientAddress("::ffff:203.0.113.9", "198.51.100.1", parseTrustProxy(undefined))).toBe("203.0.113.9");
  });

  it("given one trusted proxy, when a client forged hops in front, then the hop the proxy appended counts", () => {
    expect(clientAddress("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.9", parseTrustProxy("true"))).toBe("203.0.113.9");
  });

  it("given two proxies, when the header has three hops, then the second from the right counts", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", parseTrustProxy("2"))).toBe("203.0.113.9");
  });

  it("given trusted proxy addresses, when the request comes from one, then trusted hops are skipped from the right", () => {
    const trust = parseTrustProxy("10.0.0.2, 10.0.0.3");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", trust)).toBe("203.0.113.9");
    // A request straight from a client (not a trusted proxy) cannot choose its address.
    expect(clientAddress("198.51.100.7", "203.0.113.9", trust)).toBe("198.51.100.7");
  });

  it("given a malformed setting, when read, then it is refused", () => {
    expect(() => parseTrustProxy("proxy.example.org")).toThrow(/TRUST_PROXY/);
  });
});
