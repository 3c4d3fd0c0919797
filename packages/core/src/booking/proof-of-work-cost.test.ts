import { describe, expect, it } from "vitest";
import { DEFAULT_PROOF_OF_WORK_POLICY as policy, proofOfWorkCost } from "./proof-of-work-cost.ts";

describe("the cost of the proof of work", () => {
  it("given a citizen's first visits, then the default cost applies", () => {
    expect(proofOfWorkCost({ addressLastHour: 1, tenantLastMinute: 1 })).toBe(1_000);
    expect(proofOfWorkCost({ addressLastHour: 10, tenantLastMinute: 600 })).toBe(1_000);
  });

  it("given an address past ten visits an hour, then the cost rises from 1,000 to 10,000", () => {
    expect(proofOfWorkCost({ addressLastHour: 11, tenantLastMinute: 1 })).toBe(10_000);
  });

  it("given an address that keeps coming back, then each threshold adds a tenfold step up to the cap", () => {
    expect(proofOfWorkCost({ addressLastHour: 31, tenantLastMinute: 1 })).toBe(100_000);
    expect(proofOfWorkCost({ addressLastHour: 101, tenantLastMinute: 1 })).toBe(1_000_000);
    expect(proofOfWorkCost({ addressLastHour: 5_000, tenantLastMinute: 5_000 })).toBe(policy.maxCost);
  });

  it("given a tenant under a rush, then every address pays one step more", () => {
    expect(proofOfWorkCost({ addressLastHour: 1, tenantLastMinute: 601 })).toBe(10_000);
    expect(proofOfWorkCost({ addressLastHour: 11, tenantLastMinute: 601 })).toBe(100_000);
  });

  it("given a tenant load threshold of 0, then tenant load never raises the cost", () => {
    expect(proofOfWorkCost({ addressLastHour: 1, tenantLastMinute: 10_000 }, { ...policy, tenantLoadPerMinute: 0 })).toBe(1_000);
  });
});
