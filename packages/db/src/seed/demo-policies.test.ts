import { parseTenantPolicy, validateTenantPolicy } from "@terminvergabe/core";
import { describe, expect, it } from "vitest";
import { demoTenants } from "./demo-tenants.ts";

describe("the demo agencies' policies (issue 11.3)", () => {
  it.each(demoTenants.map((t) => [t.slug, t] as const))("%s is consistent: every booking can be changed and verified before it starts", (_slug, tenant) => {
    const checked = validateTenantPolicy(parseTenantPolicy(tenant.policy));
    expect(checked.ok ? [] : checked.error).toEqual([]);
  });
});
