import { describe, expect, it } from "vitest";
import { cookieAllowed, credentialOf } from "./request-auth.ts";

const PUBLIC = "https://termine.example.org";
const TOKEN = "A".repeat(43);
const input = (method: string, headers: Record<string, string>, connectionParams?: Record<string, unknown>) => ({
  method,
  headers: new Headers(headers),
  connectionParams,
  publicOrigin: PUBLIC,
});

describe("request credentials", () => {
  it("prefer a bearer token (header or graphql-ws connectionParams) to the cookie", () => {
    const cookie = `__Host-tv_session=${"B".repeat(43)}`;
    expect(credentialOf(input("POST", { authorization: `Bearer ${TOKEN}`, cookie, "content-type": "application/json" }))).toEqual({ token: TOKEN, via: "bearer" });
    expect(credentialOf(input("GET", {}, { authorization: `Bearer ${TOKEN}` }))).toEqual({ token: TOKEN, via: "bearer" });
    expect(credentialOf(input("POST", { cookie, "content-type": "application/json" }))).toEqual({ token: "B".repeat(43), via: "cookie" });
    expect(credentialOf(input("POST", { "content-type": "application/json" }))).toBeNull();
  });

  describe("the session cookie (CSRF)", () => {
    it("counts on JSON posts and GETs from the gateway's origin or without Origin", () => {
      expect(cookieAllowed(input("POST", { "content-type": "application/json; charset=utf-8" }))).toBe(true);
      expect(cookieAllowed(input("POST", { "content-type": "application/json", origin: PUBLIC, "sec-fetch-site": "same-origin" }))).toBe(true);
      expect(cookieAllowed(input("GET", {}))).toBe(true);
    });
    it("does not count on requests another site can send without a preflight", () => {
      for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""]) {
        expect(cookieAllowed(input("POST", type ? { "content-type": type } : {})), type).toBe(false);
      }
    });
    it("does not count from other origins or sites", () => {
      expect(cookieAllowed(input("POST", { "content-type": "application/json", origin: "https://evil.example" }))).toBe(false);
      expect(cookieAllowed(input("POST", { "content-type": "application/json", origin: "null" }))).toBe(false);
      expect(cookieAllowed(input("GET", { "sec-fetch-site": "same-site" }))).toBe(false);
      expect(credentialOf(input("POST", { cookie: `__Host-tv_session=${TOKEN}`, "content-type": "text/plain" }))).toEqual({ rejectedCookie: true });
    });
  });
});
