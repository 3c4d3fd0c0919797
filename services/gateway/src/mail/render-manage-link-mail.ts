import { type Locale, type LocalizedText, localize } from "@terminvergabe/core";
import { html } from "../http/html.ts";
import { dateFormatters } from "./render-booking-mail.ts";
import type { OutboxMail } from "./types.ts";

/** Everything a "send me the manage link" mail says: one booking, to the address stored on it. */
export interface ManageLinkMailData {
  tenant: { name: LocalizedText; colors?: { primary: string; onPrimary: string } | null };
  office: { name: LocalizedText; timeZone: string };
  booking: { reference: string; start: Date; contactName: string; contactEmail: string };
  services: LocalizedText[];
  /** The manage link with a new token (the only copy outside the mail is its hash). */
  manageUrl: string;
}

const texts = {
  de: {
    greeting: (name: string) => (name ? `Guten Tag ${name},` : "Guten Tag,"),
    intro: (tenant: string) =>
      `bei der Online-Terminbuchung von ${tenant} wurde der Verwaltungslink für Ihren Termin angefordert: Jemand mit Ihren Kontaktdaten wollte einen weiteren Termin buchen, doch Ihr Termin ist noch offen. Über den Link können Sie ihn ansehen, verschieben oder absagen.`,
    reference: "Buchungsnummer",
    when: "Termin",
    concerns: "Anliegen",
    action: "Termin verwalten",
    ignore: "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren; Ihr Termin bleibt unverändert. Geben Sie den Link nicht weiter: Wer ihn hat, kann den Termin ändern.",
  },
  en: {
    greeting: (name: string) => (name ? `Hello ${name},` : "Hello,"),
    intro: (tenant: string) =>
      `the manage link for your appointment was requested on the online booking of ${tenant}: someone with your contact information wanted to book another appointment, but yours is still open. With the link you can view, reschedule or cancel it.`,
    reference: "Reference",
    when: "Appointment",
    concerns: "Concerns",
    action: "Manage appointment",
    ignore: "If you did not ask for this, you can ignore this e-mail; your appointment stays as it is. Do not pass the link on: whoever has it can change the appointment.",
  },
} as const;

const LOCALES: readonly Locale[] = ["de", "en"];

function part(data: ManageLinkMailData, lang: Locale) {
  const t = texts[lang];
  const dates = dateFormatters(lang, data.office.timeZone);
  return {
    t,
    lang,
    tenant: localize(data.tenant.name, lang),
    when: `${dates.dayAndTime(data.booking.start)}, ${localize(data.office.name, lang)}`,
    concerns: data.services.map((s) => localize(s, lang)).join(", "),
  };
}

/**
 * Renders the mail with one booking's manage link, German first, then English (whoever asked
 * may speak either). Pure; the caller seals it and queues it in the outbox.
 */
export function renderManageLinkMail(data: ManageLinkMailData): OutboxMail {
  const parts = LOCALES.map((lang) => part(data, lang));
  const { reference } = data.booking;
  const text = parts
    .map(({ t, tenant, when, concerns }) =>
      [
        t.greeting(data.booking.contactName),
        "",
        t.intro(tenant),
        "",
        `${t.reference}: ${reference}`,
        `${t.when}: ${when}`,
        ...(concerns ? [`${t.concerns}: ${concerns}`] : []),
        "",
        `${t.action}:`,
        data.manageUrl,
        "",
        t.ignore,
      ].join("\n"),
    )
    .join("\n\n-- English --\n\n");
  const colors = data.tenant.colors ?? { primary: "#0b57a4", onPrimary: "#ffffff" };
  const button = `display:inline-block;padding:12px 20px;background:${colors.primary};color:${colors.onPrimary};text-decoration:none;border-radius:4px;font-weight:bold;`;
  const sections = parts.map(
    ({ t, lang, tenant, when, concerns }) => html`<div lang="${lang}" style="margin-bottom:32px;">
<p>${t.greeting(data.booking.contactName)}</p>
<p>${t.intro(tenant)}</p>
<p><strong>${t.reference}:</strong> ${reference}<br><strong>${t.when}:</strong> ${when}${concerns ? html`<br><strong>${t.concerns}:</strong> ${concerns}` : ""}</p>
<p><a href="${data.manageUrl}" style="${button}">${t.action}</a></p>
<p style="font-size:14px;color:#4a4a4a;">${t.ignore}</p>
</div>`,
  );
  const doc = html`<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject(reference)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<div style="max-width:40rem;margin:0 auto;padding:24px;background:#ffffff;color:#1a1a1a;font:16px/1.5 Arial,Helvetica,sans-serif;hyphens:auto;overflow-wrap:break-word;">
${sections}
<p style="font-size:14px;color:#4a4a4a;word-break:break-all;">${data.manageUrl}</p>
<p>Mit freundlichen Grüßen / Kind regards<br>${parts[0]!.tenant}</p>
</div>
</body>
</html>`;
  return {
    toAddress: data.booking.contactEmail,
    subject: subject(reference),
    textBody: `${text}\n\nMit freundlichen Grüßen / Kind regards\n${parts[0]!.tenant}\n`,
    htmlBody: `<!doctype html>\n${doc.value}\n`,
    icsMethod: null,
    icsContent: null,
  };
}

function subject(reference: string): string {
  return `Verwaltungslink für Ihren Termin / Manage link for your appointment – ${reference}`;
}
