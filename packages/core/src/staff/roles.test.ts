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

describe("an admin changes a colleague", async () => {
  const { decideStaffChange } = await import("./users.ts");
  const clerk = { id: "c", role: "CLERK", active: true } as const;
  const admin = { id: "a2", role: "ADMIN", active: true } as const;
  it("given a clerk, promotes them or deactivates them", () => {
    expect(decideStaffChange("a1", clerk, { role: "ADMIN" }, 1)).toEqual({ ok: true, value: { ...clerk, role: "ADMIN" } });
    expect(decideStaffChange("a1", clerk, { active: false }, 1)).toEqual({ ok: true, value: { ...clerk, active: false } });
  });
  it("refuses to change oneself", () => {
    expect(decideStaffChange("a2", admin, { role: "CLERK" }, 2)).toEqual({ ok: false, error: { type: "SELF_CHANGE" } });
  });
  it("keeps the last active admin", () => {
    expect(decideStaffChange("a1", admin, { active: false }, 1)).toEqual({ ok: false, error: { type: "LAST_ADMIN" } });
    expect(decideStaffChange("a1", admin, { active: false }, 2).ok).toBe(true);
  });
  it("calls a change to the same values no change", () => {
    expect(decideStaffChange("a1", clerk, { role: "CLERK", active: true }, 1)).toEqual({ ok: false, error: { type: "NO_CHANGE" } });
  });
});
