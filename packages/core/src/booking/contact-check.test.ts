import { describe, expect, it } from "vitest";
import { checkContact, contactCheckKey, manageLinkQuietSince, type PersonLiveBooking } from "./contact-check.ts";

const policy = { maxActiveBookingsPerPerson: 2, noShowLimit: 2, noShowWindowMonths: 6 };
const now = new Date("2030-01-08T09:00:00Z");
const booking = (id: string, ...serviceIds: string[]): PersonLiveBooking => ({ id, serviceIds });

describe("contact check at step 3", () => {
  it("given no bookings of the person, when they enter their contact, then nothing blocks them", () => {
    expect(checkContact([], [], ["passport"], policy, now)).toEqual({ blocked: false });
  });

  it("given one open booking of another concern, when a household member asks for a passport, then it is allowed", () => {
    expect(checkContact([booking("b1", "id-card")], [], ["passport"], policy, now)).toEqual({ blocked: false });
  });

  it("given an open passport booking, when a household member with the same phone asks for a passport, then that booking blocks them", () => {
    const live = [booking("b1", "passport"), booking("b2", "id-card")];
    expect(checkContact(live, [], ["passport"], { ...policy, maxActiveBookingsPerPerson: 5 }, now)).toEqual({
      blocked: true,
      violation: { kind: "SAME_SERVICE_ALREADY_BOOKED", serviceId: "passport" },
      openBookings: 2,
      blockingIds: ["b1"],
    });
  });

  it("given as many open bookings as allowed, when any concern is asked for, then the rule and the count are told and all of them block", () => {
    const result = checkContact([booking("b1", "a"), booking("b2", "b")], [], ["passport"], policy, now);
    expect(result).toEqual({
      blocked: true,
      violation: { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: 2 },
      openBookings: 2,
      blockingIds: ["b1", "b2"],
    });
  });

  it("given too many recent no-shows, when the person asks, then they are blocked and no booking's link would help", () => {
    const noShows = [new Date("2029-12-01T09:00:00Z"), new Date("2029-12-15T09:00:00Z")];
    expect(checkContact([booking("b1", "a")], noShows, ["passport"], policy, now)).toEqual({
      blocked: true,
      violation: { kind: "TOO_MANY_NO_SHOWS", limit: 2 },
      openBookings: 1,
      blockingIds: [],
    });
  });

  it("given old no-shows outside the window, when the person asks, then they are not counted", () => {
    const old = [new Date("2029-01-01T09:00:00Z"), new Date("2029-02-01T09:00:00Z")];
    expect(checkContact([], old, ["passport"], policy, now)).toEqual({ blocked: false });
  });

  it("given limits switched off (0), when the person has many bookings, then nothing blocks", () => {
    const off = { maxActiveBookingsPerPerson: 0, noShowLimit: 0, noShowWindowMonths: 6 };
    expect(checkContact([booking("b1", "a"), booking("b2", "b"), booking("b3", "c")], [], ["d"], off, now)).toEqual({ blocked: false });
  });
});

describe("manage link on request", () => {
  it("given a link mailed 9 minutes ago, when asked again now, then that mail still keeps the booking quiet", () => {
    const since = manageLinkQuietSince(now);
    expect(new Date(now.getTime() - 9 * 60_000) > since).toBe(true);
    expect(new Date(now.getTime() - 11 * 60_000) > since).toBe(false);
  });
});

describe("who is asking at step 3", () => {
  it("given a German phone number only, when keyed, then it is normalised like at confirmation", () => {
    expect(contactCheckKey({ phone: "030 1234567" })).toEqual({ ok: true, value: { emailNormalized: null, phoneNormalized: "+49301234567" } });
  });
  it("given an e-mail with a plus tag, when keyed, then it is the same person as without", () => {
    expect(contactCheckKey({ email: "Erika+2@Example.org", phone: "" })).toEqual({ ok: true, value: { emailNormalized: "erika@example.org", phoneNormalized: null } });
  });
  it("given a malformed value or nothing at all, when keyed, then the field is named", () => {
    expect(contactCheckKey({ email: "no-at-sign" })).toEqual({ ok: false, error: { field: "email", code: "EMAIL_INVALID" } });
    expect(contactCheckKey({ email: "a@b.de", phone: "call me" })).toEqual({ ok: false, error: { field: "phone", code: "PHONE_INVALID" } });
    expect(contactCheckKey({})).toMatchObject({ ok: false });
  });
});
