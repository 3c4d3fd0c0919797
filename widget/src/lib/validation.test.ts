import { describe, expect, it } from "vitest";
import { validateContact } from "./validation.ts";

const valid = { name: "Erika Mustermann", email: "erika@example.org", phone: "", consent: true };

describe("contact validation", () => {
  it("accepts a complete contact; the phone is optional unless the agency requires it", () => {
    expect(validateContact(valid, { phoneRequired: false })).toEqual({});
    expect(validateContact(valid, { phoneRequired: true })).toEqual({ phone: "required" });
    expect(validateContact({ ...valid, phone: "+49 30 1234567" }, { phoneRequired: true })).toEqual({});
  });

  it("names every problem at once", () => {
    expect(validateContact({ name: " ", email: "erika@", phone: "12", consent: false }, { phoneRequired: false })).toEqual({
      name: "required",
      email: "email",
      phone: "phone",
      consent: "required",
    });
    expect(validateContact({ ...valid, name: "x".repeat(201) }, { phoneRequired: false })).toEqual({ name: "too-long" });
  });
});
