import { describe, expect, it } from "vitest";
import { MAX_ARGUMENT_LENGTH, tooLong } from "./argument-limits.ts";

describe("argument limits", () => {
  it("references are short, other text may be longer", () => {
    expect(tooLong({ tenant: "x".repeat(64) })).toBeNull();
    expect(tooLong({ tenant: "x".repeat(65) })).toBe("tenant");
    expect(tooLong({ input: { office: "x".repeat(61_440) } })).toBe("office");
    expect(tooLong({ input: { contact: { name: "x".repeat(500) } } })).toBeNull();
    expect(tooLong({ notes: "x".repeat(MAX_ARGUMENT_LENGTH + 1) })).toBe("notes");
    expect(tooLong({ items: [{ a: "ok" }, { b: "y".repeat(MAX_ARGUMENT_LENGTH + 1) }] })).toBe("b");
    expect(tooLong(null)).toBeNull();
  });
});
