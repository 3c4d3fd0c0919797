import { describe, expect, it } from "vitest";
import { renderManageLinkMail } from "./render-manage-link-mail.ts";

const data = {
  tenant: { name: { de: "Bürgerbüro <Test>", en: "Citizens' office <Test>" }, colors: { primary: "#9b1c31", onPrimary: "#ffffff" } },
  office: { name: { de: "Rathaus", en: "Town hall" }, timeZone: "Europe/Berlin" },
  booking: { reference: "K7QF-M2XA", start: new Date("2030-03-04T08:00:00Z"), contactName: "Anna Haushalt", contactEmail: "anna@example.org" },
  services: [{ de: "Reisepass", en: "Passport" }],
  manageUrl: "https://termine.example/manage/demo#ref=K7QF-M2XA&token=abc",
};

describe("the manage-link mail (sendManageLinks)", () => {
  it("goes to the booking's own address, German first and English second, with the link, reference and appointment", () => {
    const mail = renderManageLinkMail(data);
    expect(mail.toAddress).toBe("anna@example.org");
    expect(mail.subject).toBe("Verwaltungslink für Ihren Termin / Manage link for your appointment – K7QF-M2XA");
    expect(mail.textBody.indexOf("Guten Tag Anna Haushalt,")).toBeLessThan(mail.textBody.indexOf("Hello Anna Haushalt,"));
    expect(mail.textBody).toContain("Montag, 4. März 2030, 09:00 Uhr, Rathaus");
    expect(mail.textBody).toContain("Monday, 4 March 2030, 09:00, Town hall");
    expect(mail.textBody.split(data.manageUrl)).toHaveLength(3);
    expect(mail.icsContent).toBeNull();
  });

  it("escapes what it interpolates in HTML and paints the button in the tenant's colour", () => {
    const html = renderManageLinkMail(data).htmlBody;
    expect(html).toContain("Bürgerbüro &lt;Test&gt;");
    expect(html).not.toContain("<Test>");
    expect(html).toContain("background:#9b1c31;color:#ffffff");
    expect(html).toContain('lang="de"');
    expect(html.indexOf('lang="de"', 20)).toBeLessThan(html.indexOf('lang="en"'));
  });
});
