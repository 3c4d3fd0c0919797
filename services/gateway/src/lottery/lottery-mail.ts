import type { Locale } from "@terminvergabe/core";
import type { LotteryOutboxInsert } from "@terminvergabe/db";
import { buildIcs, type IcsPerson } from "../mail/ics.ts";

/** What a calendar file for a lottery appointment needs besides the start. */
export interface LotteryCalendar {
  /** Stable per application, so the cancellation replaces the invitation. */
  uid: string;
  end: Date;
  location: string;
  organizer: IcsPerson;
  stamp: Date;
}

/** What a lottery mail says; the gateway fills it from the campaign and the application. */
export type LotteryMail =
  | { kind: "offer"; campaign: string; start: Date; deadline: Date; link: string; movedUp: boolean }
  | { kind: "waitlisted"; campaign: string; rank: number }
  | { kind: "not-drawn"; campaign: string }
  | { kind: "offer-reminder"; campaign: string; start: Date; deadline: Date; link: string | null }
  | { kind: "confirmed"; campaign: string; start: Date; calendar: LotteryCalendar | null }
  | { kind: "expired"; campaign: string }
  | { kind: "cancelled"; campaign: string; start: Date; calendar: LotteryCalendar | null; reason?: { de: string; en: string } }
  | { kind: "verify-account"; tenant: string; link: string }
  | { kind: "reset-password"; tenant: string; link: string }
  | { kind: "confirm-email-change"; tenant: string; link: string };

function when(locale: Locale, timeZone: string, d: Date): string {
  const tag = locale === "en" ? "en-GB" : "de-DE";
  const text = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone }).format(d);
  return locale === "de" ? `${text} Uhr` : text;
}

/** What the portal's notification list keeps of a mail besides its subject (no link tokens). */
function noticeOf(mail: LotteryMail): Record<string, unknown> | undefined {
  switch (mail.kind) {
    case "offer":
      return { start: mail.start.toISOString(), deadline: mail.deadline.toISOString(), movedUp: mail.movedUp };
    case "offer-reminder":
      return { start: mail.start.toISOString(), deadline: mail.deadline.toISOString() };
    case "waitlisted":
      return { rank: mail.rank };
    case "confirmed":
    case "cancelled":
      return { start: mail.start.toISOString() };
    case "expired":
    case "not-drawn":
      return {};
    default:
      return undefined;
  }
}

/**
 * Plain-text lottery mails in the customer's language (German or English). The offer link
 * carries a single-purpose token: it confirms or declines this one offer and nothing else.
 * A confirmed appointment comes with an `.ics` invitation, its cancellation with METHOD:CANCEL.
 * Mails about an application carry a `notice`: the portal's notification list shows it.
 */
export function renderLotteryMail(mail: LotteryMail, to: { email: string; name: string; locale: string }, timeZone: string): LotteryOutboxInsert {
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
    case "offer-reminder":
      subject = de ? `Erinnerung: Termin bis ${when(locale, timeZone, mail.deadline)} bestätigen – ${mail.campaign}` : `Reminder: confirm your appointment by ${when(locale, timeZone, mail.deadline)} – ${mail.campaign}`;
      body = de
        ? `Ihr Termin am ${when(locale, timeZone, mail.start)} ist noch nicht bestätigt. Bitte bestätigen oder lehnen Sie ihn bis ${when(locale, timeZone, mail.deadline)} ab – ${mail.link ? `über den Link aus unserer ersten Nachricht, hier noch einmal:\n\n${mail.link}\n\noder ` : ""}im Kundenportal. Danach geht er an die Nächsten auf der Warteliste.`
        : `your appointment on ${when(locale, timeZone, mail.start)} is not confirmed yet. Please confirm or decline it by ${when(locale, timeZone, mail.deadline)} – ${mail.link ? `with the link from our first message, here again:\n\n${mail.link}\n\nor ` : ""}in the customer portal. After that it goes to the next on the waiting list.`;
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
      if (mail.reason) body += de ? `\n\nGrund: ${mail.reason.de}` : `\n\nReason: ${mail.reason.en}`;
      break;
    case "verify-account":
      subject = de ? `Bitte bestätigen Sie Ihre E-Mail-Adresse – ${mail.tenant}` : `Please confirm your e-mail address – ${mail.tenant}`;
      body = de
        ? `bitte bestätigen Sie Ihr Kundenkonto über diesen Link (24 Stunden gültig):\n\n${mail.link}\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht.`
        : `please confirm your customer account with this link (valid for 24 hours):\n\n${mail.link}\n\nIf you did not register, ignore this message.`;
      break;
    case "reset-password":
      subject = de ? `Passwort zurücksetzen – ${mail.tenant}` : `Reset your password – ${mail.tenant}`;
      body = de
        ? `über diesen Link können Sie ein neues Passwort für Ihr Kundenkonto festlegen (eine Stunde gültig, nur einmal verwendbar):\n\n${mail.link}\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.`
        : `with this link you can set a new password for your customer account (valid for one hour, usable once):\n\n${mail.link}\n\nIf you did not ask for this, ignore this message; your password stays unchanged.`;
      break;
    case "confirm-email-change":
      subject = de ? `Neue E-Mail-Adresse bestätigen – ${mail.tenant}` : `Confirm your new e-mail address – ${mail.tenant}`;
      body = de
        ? `bitte bestätigen Sie über diesen Link, dass Ihr Kundenkonto künftig diese Adresse verwendet (24 Stunden gültig):\n\n${mail.link}\n\nBis dahin gilt Ihre bisherige Adresse weiter.`
        : `please confirm with this link that your customer account should use this address from now on (valid for 24 hours):\n\n${mail.link}\n\nUntil then your previous address stays in use.`;
      break;
    default: {
      const never: never = mail;
      throw new Error(`unknown lottery mail ${JSON.stringify(never)}`);
    }
  }
  const calendar = mail.kind === "confirmed" || mail.kind === "cancelled" ? mail.calendar : null;
  const ics =
    calendar && (mail.kind === "confirmed" || mail.kind === "cancelled")
      ? buildIcs({
          method: mail.kind === "confirmed" ? "REQUEST" : "CANCEL",
          uid: calendar.uid,
          sequence: mail.kind === "confirmed" ? 0 : 1,
          stamp: calendar.stamp,
          start: mail.start,
          end: calendar.end,
          summary: mail.campaign,
          location: calendar.location,
          description: subject,
          organizer: calendar.organizer,
          attendee: { email: to.email, name: to.name },
          language: locale,
          reminderMinutes: mail.kind === "confirmed" ? 1440 : null,
        })
      : null;
  const notice = noticeOf(mail);
  return {
    kind: `lottery-${mail.kind}`,
    toAddress: to.email,
    subject,
    textBody: `${hello}\n\n${body}\n\n${bye}\n`,
    htmlBody: null,
    icsMethod: ics ? (mail.kind === "confirmed" ? "REQUEST" : "CANCEL") : null,
    icsContent: ics,
    ...(notice ? { notice } : {}),
  };
}
