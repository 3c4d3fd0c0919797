import { describe, expect, it } from "vitest";
import { parseRoleMapping, roleFromClaim, rolesOf } from "./roles.ts";

const mapping = { "tv-admin": "ADMIN", "tv-clerk": "CLERK" } as const;

describe("staff roles", () => {
  it("an admin holds the clerk's role as well", () => {
    expect(rolesOf("ADMIN")).toEqual(["ADMIN", "CLERK"]);
    expect(rolesOf("CLERK")).toEqual(["CLERK"]);
  });

  describe("given a claim → role mapping", () => {
    it("maps a single string claim", () => {
      expect(roleFromClaim("tv-clerk", mapping)).toBe("CLERK");
    });
    it("gives the highest role that maps from a list, whatever its order", () => {
      expect(roleFromClaim(["other", "tv-clerk", "tv-admin"], mapping)).toBe("ADMIN");
      expect(roleFromClaim(["tv-admin", "tv-clerk"], mapping)).toBe("ADMIN");
    });
    it("gives no role when nothing maps, the claim is missing or not text", () => {
      expect(roleFromClaim(["offline_access"], mapping)).toBeNull();
      expect(roleFromClaim(undefined, mapping)).toBeNull();
      expect(roleFromClaim({ "tv-admin": true }, mapping)).toBeNull();
      expect(roleFromClaim("toString", mapping)).toBeNull();
    });
  });

  it("keeps only valid entries of a stored mapping", () => {
    expect(parseRoleMapping({ a: "ADMIN", b: "ROOT", c: 1 })).toEqual({ a: "ADMIN" });
    expect(parseRoleMapping(["ADMIN"])).toEqual({});
    expect(parseRoleMapping(null)).toEqual({});
  });
});
