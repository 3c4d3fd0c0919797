import { describe, expect, it } from "vitest";
import { normalizeEmail, validateContact } from "./contact.ts";

describe("normalizeEmail (the person anti-hoarding limits count by)", () => {
  it("given plus-tagged variants of one address, when normalised, then they are one person", () => {
    const variants = ["bot+1@example.org", "BOT+2@Example.org", " bot+anything-else@example.org ", "bot@example.org"];
    expect(new Set(variants.map(normalizeEmail))).toEqual(new Set(["bot@example.org"]));
  });

  it("given Gmail addresses with dots or the googlemail domain, when normalised, then the dots and the alias are gone", () => {
    expect(normalizeEmail("J.Doe+shop@gmail.com")).toBe("jdoe@gmail.com");
    expect(normalizeEmail("j.d.o.e@googlemail.com")).toBe("jdoe@gmail.com");
  });

  it("given a provider where dots matter, when normalised, then the dots stay", () => {
    expect(normalizeEmail("j.doe@example.org")).toBe("j.doe@example.org");
    expect(normalizeEmail("j.doe@outlook.com")).not.toBe(normalizeEmail("jdoe@outlook.com"));
  });

  it("given a leading plus or a local part of dots only, when normalised, then nothing is dropped to an empty name", () => {
    expect(normalizeEmail("+tag@example.org")).toBe("+tag@example.org");
    expect(normalizeEmail("...@gmail.com")).toBe("...@gmail.com");
  });

  it("given a citizen's contact, when validated, then the address is kept as typed and the person key is normalised", () => {
    const contact = validateContact({ name: "Erika Muster", email: "Erika.Muster+termin@gmail.com" }, { phoneRequired: false });
    expect(contact.ok && contact.value.email).toBe("Erika.Muster+termin@gmail.com");
    expect(contact.ok && contact.value.emailNormalized).toBe("erikamuster@gmail.com");
  });
});
