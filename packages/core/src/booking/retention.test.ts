import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../catalog/types.ts";
import { personalDataCutoff, reminderAt } from "./retention.ts";

const now = new Date("2030-03-10T12:00:00Z");

describe("personal data retention", () => {
  it("given the default policy, then appointments that ended two days ago lose their personal data", () => {
    expect(DEFAULT_TENANT_POLICY.retentionDays).toBe(2);
    expect(personalDataCutoff(DEFAULT_TENANT_POLICY, now)).toEqual(new Date("2030-03-08T12:00:00Z"));
  });
  it("given retentionDays 0, then nothing is erased", () => {
    expect(personalDataCutoff({ retentionDays: 0 }, now)).toBeNull();
  });
  it("given seven days, then the cutoff is seven days back", () => {
    expect(personalDataCutoff({ retentionDays: 7 }, now)).toEqual(new Date("2030-03-03T12:00:00Z"));
  });
});

describe("reminders", () => {
  it("given the default policy, then the reminder goes out 24 hours before the start", () => {
    expect(DEFAULT_TENANT_POLICY.reminderHours).toBe(24);
    expect(reminderAt(DEFAULT_TENANT_POLICY, new Date("2030-03-12T08:00:00Z"), now)).toEqual(new Date("2030-03-11T08:00:00Z"));
  });
  it("given a booking made at shorter notice than the reminder, then none", () => {
    expect(reminderAt({ reminderHours: 24 }, new Date("2030-03-11T08:00:00Z"), now)).toBeNull();
  });
  it("given reminderHours 0, then none", () => {
    expect(reminderAt({ reminderHours: 0 }, new Date("2030-03-20T08:00:00Z"), now)).toBeNull();
  });
});
