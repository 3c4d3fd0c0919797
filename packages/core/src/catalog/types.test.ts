import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY, localize, parseTenantPolicy } from "./types.ts";

describe("parseTenantPolicy", () => {
  it("given nothing, when parsed, then every default applies", () => {
    expect(parseTenantPolicy(null)).toEqual(DEFAULT_TENANT_POLICY);
  });
  it("given overrides of the right type, when parsed, then they win and wrong types are ignored", () => {
    const policy = parseTenantPolicy({ horizonDays: 42, phoneRequired: true, holdMinutes: "20", unknown: 1 });
    expect(policy.horizonDays).toBe(42);
    expect(policy.phoneRequired).toBe(true);
    expect(policy.holdMinutes).toBe(DEFAULT_TENANT_POLICY.holdMinutes);
    expect(policy).not.toHaveProperty("unknown");
  });
});

describe("localize", () => {
  it("falls back to German when the English text is empty", () => {
    expect(localize({ de: "Reisepass", en: "" }, "en")).toBe("Reisepass");
    expect(localize({ de: "Reisepass", en: "Passport" }, "en")).toBe("Passport");
  });
});
