import { describe, expect, it } from "vitest";
import { mailColors } from "../booking/mail-data.ts";
import { phoneLine, renderBookingMail } from "./render-booking-mail.ts";
import { sampleMailData } from "./testing/mail-fixtures.ts";

describe("mail polish (issue 11.12)", () => {
  it("given phone hours that name themselves, does not put 'Telefonisch erreichbar' in front again", () => {
    const office = sampleMailData().office;
    const mail = renderBookingMail(
      sampleMailData({ office: { ...office, phoneHours: { de: "Telefonische Terminvereinbarung: Di 9–12 Uhr", en: "Appointments by phone: Tue 9–12" } } }),
    );
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain("Telefonische Terminvereinbarung: Di 9–12 Uhr");
      expect(body).not.toContain("Telefonisch erreichbar: Telefonische");
    }
    expect(phoneLine("Telefonisch erreichbar", "Mo–Fr 8–12 Uhr")).toBe("Telefonisch erreichbar: Mo–Fr 8–12 Uhr");
    expect(phoneLine("Phone hours", "Mon 8:00–12:00")).toBe("Phone hours: Mon 8:00–12:00");
  });

  it("paints the manage button in the tenant's colours; without a usable theme in the default blue", () => {
    const tenant = sampleMailData().tenant;
    const themed = renderBookingMail(sampleMailData({ tenant: { ...tenant, colors: mailColors({ "--tv-color-primary": "#9b1c31", "--tv-color-on-primary": "#ffffff" }) } }));
    expect(themed.htmlBody).toContain("background:#9b1c31;color:#ffffff");
    expect(themed.htmlBody).not.toContain("background:#0b57a4");
    expect(mailColors({ "--tv-color-primary": "red; display:none" })).toBeNull();
    expect(renderBookingMail(sampleMailData()).htmlBody).toContain("background:#0b57a4;color:#ffffff");
  });

  it("lets a long concern name break (hyphenated) instead of overflowing a 320 px screen", () => {
    const long = sampleMailData({ services: [{ name: { de: "Gewerbezentralregisterauszug", en: "Central trade register extract" }, quantity: 1, documents: [], hints: [] }] });
    const html = renderBookingMail(long).htmlBody;
    expect(html).toContain("Gewerbezentralregisterauszug");
    expect(html).toMatch(/hyphens:auto;-webkit-hyphens:auto;overflow-wrap:break-word/);
    expect(html).toMatch(/<html lang="de">/);
  });
});
