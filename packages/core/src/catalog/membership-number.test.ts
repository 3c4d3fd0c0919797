import { describe, expect, it } from "vitest";
import { checkMembershipNumber } from "./membership-number.ts";

describe("a membership number at registration", () => {
  it("given an agency that requires it, when none is given, then MEMBERSHIP_NUMBER_REQUIRED", () => {
    expect(checkMembershipNumber("  ", true)).toEqual({ ok: false, error: "MEMBERSHIP_NUMBER_REQUIRED" });
    expect(checkMembershipNumber(undefined, true)).toEqual({ ok: false, error: "MEMBERSHIP_NUMBER_REQUIRED" });
  });
  it("given an agency that does not require it, when none is given, then there is none", () => {
    expect(checkMembershipNumber("", false)).toEqual({ ok: true, value: null });
  });
  it("given a number with spaces around and inside, when checked, then it is trimmed and its spaces collapsed", () => {
    expect(checkMembershipNumber("  AK-2026  4711 ", true)).toEqual({ ok: true, value: "AK-2026 4711" });
  });
  it("given markup, control characters or more than 32 characters, when checked, then MEMBERSHIP_NUMBER_INVALID", () => {
    expect(checkMembershipNumber("<b>1</b>", true)).toEqual({ ok: false, error: "MEMBERSHIP_NUMBER_INVALID" });
    expect(checkMembershipNumber("12\u000034", false)).toEqual({ ok: false, error: "MEMBERSHIP_NUMBER_INVALID" });
    expect(checkMembershipNumber("1".repeat(33), true)).toEqual({ ok: false, error: "MEMBERSHIP_NUMBER_INVALID" });
    expect(checkMembershipNumber("1".repeat(32), true)).toEqual({ ok: true, value: "1".repeat(32) });
  });
});
