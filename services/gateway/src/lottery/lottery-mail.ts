import type { Locale } from "@terminvergabe/core";
import type { OutboxInsert } from "@terminvergabe/db";

/** What a lottery mail says; the gateway fills it from the campaign and the application. */
export type LotteryMail =
  | { kind: "offer"; campaign: string; start: Date; deadline: Date; link: string; movedUp: boolean }
  | { kind: "waitlisted"; campaign: string; rank: number }
  | { kind: "not-drawn"; campaign: string }
  | { kind: "confirmed"; campaign: string; start: Date }
  | { kind: "expired"; campaign: string }
  | { kind: "cancelled"; campaign: string; start: Date }
  | { kind: "verify-account"; tenant: string; link: string };

function when(locale: Locale, timeZone: string, d: Date): string {
  const tag = locale === "en" ? "en-GB" : "de-DE";
  const text = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone }).format(d);
  return locale === "de" ? `${text} Uhr` : text;
}

/**
 * Plain-text lottery mails in the customer's language (German or English). The offer link
 * carries a single-purpose token: it confirms or declines this one offer and nothing else.
 */
export function renderLotteryMail(mail: LotteryMail, to: { email: string; name: string; locale: string }, timeZone: string): OutboxInsert {
  const locale: Locale = to.locale === "en" ? "en" : "de";
  const de = locale === "de";
  const hello = de ? `Guten Tag ${to.name},` : `Dear ${to.name},`;
  const bye = de ? "Mit freundlichen Grüßen\nIhre Terminvergabe" : "Kind regards\nYour appointment service";
  let subject: string;
  let body: string;
  switch (mail.kind) {
    case "offer":
      subject = de ? `Ihr Termin im Losverfahren „${mail.campaign}“` : `Your appointment in the lottery "${mail.campaign}"`;
      body = de
        ? `${mail.movedUp ? "ein Termin ist frei geworden und geht nach Ihrem Losrang an Sie" : "Sie wurden ausgelost"}: ${when(locale, timeZone, mail.start)}.\n\nBitte bestätigen Sie den Termin bis ${when(locale, timeZone, mail.deadline)} – über diesen Link oder im Kundenportal. Ohne Bestätigung verfällt er und geht an die Nächsten auf der Warteliste.\n\n${mail.link}\n\nÜber denselben Link können Sie den Termin auch ablehnen.`
        : `${mail.movedUp ? "an appointment became free and goes to you by your lottery rank" : "you were drawn"}: ${when(locale, timeZone, mail.start)}.\n\nPlease confirm it by ${when(locale, timeZone, mail.deadline)} – with this link or in the customer portal. Unconfirmed, it lapses and goes to the next on the waiting list.\n\n${mail.link}\n\nThe same link lets you decline it.`;
      break;
    case "waitlisted":
      subject = de ? `Losverfahren „${mail.campaign}“: Warteliste` : `Lottery "${mail.campaign}": waiting list`;
      body = de
        ? `in der Auslosung haben Sie diesmal keinen passenden Termin erhalten. Sie bleiben mit Losrang ${mail.rank} für den ganzen Zeitraum auf der Warteliste und rücken nach, wenn ein passender Termin frei wird.`
        : `this time the draw gave you no appointment that fits. You stay on the waiting list with lottery rank ${mail.rank} for the whole period and move up when a fitting appointment becomes free.`;
      break;
    case "not-drawn":
      subject = de ? `Losverfahren „${mail.campaign}“` : `Lottery "${mail.campaign}"`;
      body = de ? "leider konnte Ihnen kein Termin zugeteilt werden." : "unfortunately no appointment could be allocated to you.";
      break;
    case "confirmed":
      subject = de ? `Termin bestätigt: ${mail.campaign}` : `Appointment confirmed: ${mail.campaign}`;
      body = de
        ? `Ihr Termin am ${when(locale, timeZone, mail.start)} ist bestätigt. Falls Sie nicht kommen können, sagen Sie ihn bitte im Kundenportal ab – dann rückt jemand von der Warteliste nach.`
        : `your appointment on ${when(locale, timeZone, mail.start)} is confirmed. If you cannot come, please cancel it in the customer portal so that someone on the waiting list can move up.`;
      break;
    case "expired":
      subject = de ? `Termin verfallen: ${mail.campaign}` : `Appointment lapsed: ${mail.campaign}`;
      body = de
        ? "Sie haben den angebotenen Termin nicht rechtzeitig bestätigt; er wurde weitergegeben."
        : "you did not confirm the offered appointment in time; it has been passed on.";
      break;
    case "cancelled":
      subject = de ? `Termin abgesagt: ${mail.campaign}` : `Appointment cancelled: ${mail.campaign}`;
      body = de ? `Ihr Termin am ${when(locale, timeZone, mail.start)} ist abgesagt.` : `your appointment on ${when(locale, timeZone, mail.start)} is cancelled.`;
      break;
    case "verify-account":
      subject = de ? `Bitte bestätigen Sie Ihre E-Mail-Adresse – ${mail.tenant}` : `Please confirm your e-mail address – ${mail.tenant}`;
      body = de
        ? `bitte bestätigen Sie Ihr Kundenkonto über diesen Link (24 Stunden gültig):\n\n${mail.link}\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht.`
        : `please confirm your customer account with this link (valid for 24 hours):\n\n${mail.link}\n\nIf you did not register, ignore this message.`;
      break;
    default: {
      const never: never = mail;
      throw new Error(`unknown lottery mail ${JSON.stringify(never)}`);
    }
  }
  return { kind: `lottery-${mail.kind}`, toAddress: to.email, subject, textBody: `${hello}\n\n${body}\n\n${bye}\n`, htmlBody: null, icsMethod: null, icsContent: null };
}
