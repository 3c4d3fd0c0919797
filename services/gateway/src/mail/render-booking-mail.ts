import { type Locale, localize } from "@terminvergabe/core";
import { html, type SafeHtml } from "../http/html.ts";
import { bookingUid, buildIcs } from "./ics.ts";
import type { BookingMailData, BookingMailKind, OutboxMail } from "./types.ts";

/** A calendar reminder the day before: time to gather the documents to bring. */
const REMINDER_MINUTES = 24 * 60;

type Dates = ReturnType<typeof dateFormatters>;

const formatterCache = new Map<string, ReturnType<typeof createDateFormatters>>();

/** Intl formatters are expensive to build: one set per language and time zone. */
export function dateFormatters(locale: Locale, timeZone: string) {
  const key = `${locale}|${timeZone}`;
  let formatters = formatterCache.get(key);
  if (!formatters) {
    formatters = createDateFormatters(locale, timeZone);
    formatterCache.set(key, formatters);
  }
  return formatters;
}

function createDateFormatters(locale: Locale, timeZone: string) {
  const tag = locale === "en" ? "en-GB" : "de-DE";
  const day = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeZone });
  const shortDay = new Intl.DateTimeFormat(tag, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone });
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const zone = new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: "long" });
  const uhr = locale === "de" ? " Uhr" : "";
  return {
    /** "Dienstag, 5. März 2030" / "Tuesday, 5 March 2030" */
    day: (d: Date) => day.format(d),
    /** "Di., 5. März 2030" / "Tue, 5 Mar 2030" */
    shortDay: (d: Date) => shortDay.format(d),
    /** "09:00 Uhr" / "09:00" */
    time: (d: Date) => `${time.format(d)}${uhr}`,
    /** "09:00–09:30 Uhr" / "09:00–09:30 (Central European Standard Time)" */
    range: (start: Date, end: Date) => {
      const base = `${time.format(start)}–${time.format(end)}${uhr}`;
      if (locale === "de") return base;
      // Readers of the English mail may live elsewhere: say which clock is meant.
      const name = zone.formatToParts(start).find((p) => p.type === "timeZoneName")?.value;
      return name ? `${base} (${name})` : base;
    },
    /** "Dienstag, 5. März 2030, 09:00 Uhr" */
    dayAndTime: (d: Date) => `${day.format(d)}, ${time.format(d)}${uhr}`,
  };
}

const texts = {
  de: {
    subject: {
      CONFIRMATION: (when: string, ref: string) => `Terminbestätigung: ${when} – Buchungsnummer ${ref}`,
      VERIFICATION: (when: string, ref: string) => `Bitte bestätigen Sie Ihren Termin am ${when} – Buchungsnummer ${ref}`,
      CANCELLATION: (when: string, ref: string) => `Ihr Termin am ${when} wurde abgesagt – Buchungsnummer ${ref}`,
      RESCHEDULE: (when: string, ref: string) => `Ihr Termin wurde auf ${when} verschoben – Buchungsnummer ${ref}`,
      REMINDER: (when: string, ref: string) => `Erinnerung an Ihren Termin am ${when} – Buchungsnummer ${ref}`,
    } satisfies Record<BookingMailKind, (when: string, ref: string) => string>,
    heading: {
      CONFIRMATION: "Ihr Termin ist gebucht",
      VERIFICATION: "Bitte bestätigen Sie Ihren Termin",
      CANCELLATION: "Ihr Termin wurde abgesagt",
      RESCHEDULE: "Ihr Termin wurde verschoben",
      REMINDER: "Erinnerung an Ihren Termin",
    } satisfies Record<BookingMailKind, string>,
    greeting: (name: string) => `Guten Tag ${name},`,
    intro: {
      CONFIRMATION: "vielen Dank für Ihre Buchung. Ihr Termin ist verbindlich gebucht.",
      VERIFICATION:
        "vielen Dank für Ihre Terminanfrage. Damit der Termin verbindlich gebucht wird, bestätigen Sie bitte Ihre E-Mail-Adresse über den folgenden Link.",
      CANCELLATION: "der folgende Termin wurde abgesagt und findet nicht statt.",
      RESCHEDULE: "Ihr Termin wurde verschoben. Bitte beachten Sie den neuen Zeitpunkt.",
      REMINDER: "wir erinnern Sie an Ihren Termin. Falls Sie ihn nicht wahrnehmen können, sagen Sie ihn bitte ab, damit andere ihn nutzen können.",
    } satisfies Record<BookingMailKind, string>,
    verifyAction: "Termin bestätigen",
    verifyDeadline: (deadline: string) =>
      `Bitte bestätigen Sie bis ${deadline}. Ohne Bestätigung wird der Termin danach automatisch freigegeben.`,
    verifyIgnore: "Wenn Sie diesen Termin nicht angefragt haben, können Sie diese E-Mail ignorieren.",
    reference: "Buchungsnummer",
    date: "Datum",
    time: "Uhrzeit",
    previously: "Bisher",
    place: "Ort",
    concerns: "Ihre Anliegen",
    bring: "Bitte mitbringen:",
    hints: "Hinweise:",
    reason: "Grund",
    manageIntro: "Termin ansehen, verschieben oder absagen:",
    manageAction: "Termin verwalten",
    managePrivate: "Dieser Link ist Ihr persönlicher Zugang zu diesem Termin. Bitte geben Sie ihn nicht weiter.",
    rebook: "Wenn Sie weiterhin einen Termin benötigen, buchen Sie bitte einen neuen Termin.",
    calendarRequest: "Die angehängte Kalenderdatei (termin.ics) können Sie in Ihren Kalender übernehmen.",
    calendarCancel: "Mit der angehängten Kalenderdatei (termin.ics) wird der Termin aus Ihrem Kalender entfernt.",
    phoneHours: "Telefonisch erreichbar",
    contact: (email: string) => `Bei Fragen schreiben Sie uns an ${email}.`,
    contactLabel: "Fragen?",
    regards: "Mit freundlichen Grüßen",
    automatic: "Diese E-Mail wurde automatisch erstellt.",
    summary: "Termin",
  },
  en: {
    subject: {
      CONFIRMATION: (when: string, ref: string) => `Appointment confirmed: ${when} – reference ${ref}`,
      VERIFICATION: (when: string, ref: string) => `Please confirm your appointment on ${when} – reference ${ref}`,
      CANCELLATION: (when: string, ref: string) => `Your appointment on ${when} has been cancelled – reference ${ref}`,
      RESCHEDULE: (when: string, ref: string) => `Your appointment has been moved to ${when} – reference ${ref}`,
      REMINDER: (when: string, ref: string) => `Reminder of your appointment on ${when} – reference ${ref}`,
    } satisfies Record<BookingMailKind, (when: string, ref: string) => string>,
    heading: {
      CONFIRMATION: "Your appointment is booked",
      VERIFICATION: "Please confirm your appointment",
      CANCELLATION: "Your appointment has been cancelled",
      RESCHEDULE: "Your appointment has been moved",
      REMINDER: "Reminder of your appointment",
    } satisfies Record<BookingMailKind, string>,
    greeting: (name: string) => `Dear ${name},`,
    intro: {
      CONFIRMATION: "Thank you for your booking. Your appointment is confirmed.",
      VERIFICATION:
        "Thank you for your appointment request. To make the booking binding, please confirm your e-mail address with the following link.",
      CANCELLATION: "The following appointment has been cancelled and will not take place.",
      RESCHEDULE: "Your appointment has been moved. Please note the new time.",
      REMINDER: "This is a reminder of your appointment. If you cannot come, please cancel it so that someone else can use it.",
    } satisfies Record<BookingMailKind, string>,
    verifyAction: "Confirm appointment",
    verifyDeadline: (deadline: string) =>
      `Please confirm by ${deadline}. Without confirmation, the appointment will then be released automatically.`,
    verifyIgnore: "If you did not request this appointment, you can ignore this e-mail.",
    reference: "Reference",
    date: "Date",
    time: "Time",
    previously: "Previously",
    place: "Place",
    concerns: "Your concerns",
    bring: "Please bring:",
    hints: "Please note:",
    reason: "Reason",
    manageIntro: "View, reschedule or cancel your appointment:",
    manageAction: "Manage appointment",
    managePrivate: "This link is your personal access to this appointment. Please do not share it.",
    rebook: "If you still need an appointment, please book a new one.",
    calendarRequest: "You can add the attached calendar file (termin.ics) to your calendar.",
    calendarCancel: "Opening the attached calendar file (termin.ics) removes the appointment from your calendar.",
    phoneHours: "Phone hours",
    contact: (email: string) => `If you have any questions, write to us at ${email}.`,
    contactLabel: "Questions?",
    regards: "Kind regards",
    automatic: "This e-mail was generated automatically.",
    summary: "Appointment",
  },
} as const;

type Texts = (typeof texts)[Locale];

/** Only http(s) links become links; anything else would be a script or phishing vector in a mail client. */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Prepared, localized pieces shared by the text, HTML and .ics renderings. */
interface View {
  kind: BookingMailKind;
  t: Texts;
  lang: Locale;
  tenantName: string;
  officeName: string;
  addressLines: string[];
  day: string;
  timeRange: string;
  previously: string | null;
  reference: string;
  contactName: string;
  concerns: { name: string; label: string; documents: string[]; hints: string[] }[];
  manageUrl: string | null;
  verifyUrl: string | null;
  verifyDeadline: string | null;
  reason: string | null;
  phoneHours: string | null;
  contactEmail: string | null;
  ics: boolean;
  colors: { primary: string; onPrimary: string } | null;
}

/**
 * "Telefonisch erreichbar: Mo–Fr 8–12 Uhr" — unless the office's note names itself already
 * ("Telefonische Terminvereinbarung: …"), which would say it twice.
 */
export function phoneLine(label: string, hours: string): string {
  return /^[^:\d]{1,60}:\s/.test(hours) ? hours : `${label}: ${hours}`;
}

function view(data: BookingMailData): View {
  const lang = data.locale === "en" ? "en" : "de";
  const t = texts[lang];
  const dates: Dates = dateFormatters(lang, data.office.timeZone);
  const { booking, office } = data;
  const nonEmpty = (items: string[]) => items.map((s) => s.trim()).filter(Boolean);
  const phoneHours = data.office.phoneHours ? localize(data.office.phoneHours, lang).trim() : "";
  const reason = data.kind === "CANCELLATION" && data.cancellationReason ? localize(data.cancellationReason, lang).trim() : "";
  return {
    kind: data.kind,
    t,
    lang,
    tenantName: localize(data.tenant.name, lang),
    officeName: localize(office.name, lang),
    addressLines: nonEmpty([office.address.street, `${office.address.postalCode} ${office.address.city}`]),
    day: dates.day(booking.start),
    timeRange: dates.range(booking.start, booking.end),
    previously:
      data.kind === "RESCHEDULE" && data.previousStart ? dates.dayAndTime(data.previousStart) : null,
    reference: booking.reference,
    contactName: booking.contactName,
    concerns: data.services.map((s) => ({
      name: localize(s.name, lang),
      label: `${s.quantity} × ${localize(s.name, lang)}`,
      documents: nonEmpty(s.documents.map((d) => localize(d, lang))),
      hints: nonEmpty(s.hints.map((h) => localize(h, lang))),
    })),
    manageUrl: safeUrl(data.manageUrl),
    verifyUrl: data.kind === "VERIFICATION" ? safeUrl(data.verifyUrl) : null,
    verifyDeadline: data.kind === "VERIFICATION" && data.verifyDeadline ? dates.dayAndTime(data.verifyDeadline) : null,
    reason: reason || null,
    phoneHours: phoneHours || null,
    contactEmail: data.tenant.contactEmail?.trim() || null,
    colors: data.tenant.colors ?? null,
    // A reminder changes nothing in the calendar entry the confirmation brought.
    ics: data.kind !== "VERIFICATION" && data.kind !== "REMINDER",
  };
}

function subjectOf(data: BookingMailData, v: View): string {
  const dates = dateFormatters(v.lang, data.office.timeZone);
  const when = `${dates.shortDay(data.booking.start)}, ${dates.time(data.booking.start)}`;
  // A subject is one header line: no line breaks from any interpolated value.
  return v.t.subject[v.kind](when, v.reference).replace(/[\r\n]+/g, " ");
}

function textBody(v: View): string {
  const { t } = v;
  const out: string[] = [t.greeting(v.contactName), "", t.intro[v.kind], ""];
  if (v.kind === "VERIFICATION") {
    if (v.verifyUrl) out.push(`${t.verifyAction}:`, v.verifyUrl, "");
    if (v.verifyDeadline) out.push(t.verifyDeadline(v.verifyDeadline), "");
  }
  const label = (s: string) => `${s}:`.padEnd(16);
  out.push(`${label(t.reference)}${v.reference}`, `${label(t.date)}${v.day}`, `${label(t.time)}${v.timeRange}`);
  if (v.previously) out.push(`${label(t.previously)}${v.previously}`);
  out.push(`${label(t.place)}${v.officeName}`, ...v.addressLines.map((line) => `${" ".repeat(16)}${line}`), "");
  if (v.reason) out.push(`${t.reason}: ${v.reason}`, "");
  if (v.concerns.length) {
    out.push(t.concerns, "-".repeat(t.concerns.length));
    for (const c of v.concerns) {
      out.push(`• ${c.label}`);
      if (v.kind !== "CANCELLATION") {
        if (c.documents.length) out.push(`  ${t.bring}`, ...c.documents.map((d) => `  – ${d}`));
        if (c.hints.length) out.push(`  ${t.hints}`, ...c.hints.map((h) => `  – ${h}`));
      }
    }
    out.push("");
  }
  if (v.kind === "CANCELLATION") out.push(t.rebook, "");
  if ((v.kind === "CONFIRMATION" || v.kind === "RESCHEDULE" || v.kind === "REMINDER") && v.manageUrl) {
    out.push(t.manageIntro, v.manageUrl, t.managePrivate, "");
  }
  if (v.kind === "VERIFICATION") out.push(t.verifyIgnore, "");
  if (v.ics) out.push(v.kind === "CANCELLATION" ? t.calendarCancel : t.calendarRequest, "");
  if (v.phoneHours) out.push(phoneLine(t.phoneHours, v.phoneHours));
  if (v.contactEmail) out.push(t.contact(v.contactEmail));
  if (v.phoneHours || v.contactEmail) out.push("");
  out.push(t.regards, v.tenantName, "", "-- ", t.automatic);
  return `${out.join("\n")}\n`;
}

const S = {
  body: "margin:0;padding:0;background:#f4f4f4;",
  // Long compound words (Gewerbezentralregisterauszug) break at 320 px instead of overflowing.
  main: "max-width:40rem;margin:0 auto;padding:24px;background:#ffffff;color:#1a1a1a;font:16px/1.5 Arial,Helvetica,sans-serif;hyphens:auto;-webkit-hyphens:auto;overflow-wrap:break-word;",
  h1: "font-size:22px;line-height:1.3;margin:0 0 16px;",
  h2: "font-size:18px;margin:24px 0 8px;",
  dl: "margin:0;",
  dt: "font-weight:bold;margin-top:8px;",
  dd: "margin:0;",
  button:
    "display:inline-block;padding:12px 20px;background:#0b57a4;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;",
  link: "color:#0b57a4;word-break:break-all;",
  small: "font-size:14px;color:#4a4a4a;",
  footer: "font-size:13px;color:#4a4a4a;border-top:1px solid #dddddd;margin-top:24px;padding-top:12px;",
} as const;

function htmlBody(v: View): string {
  const { t } = v;
  const style = v.colors ? S.button.replace("background:#0b57a4;color:#ffffff", `background:${v.colors.primary};color:${v.colors.onPrimary}`) : S.button;
  const button = (href: string, label: string) =>
    html`<p><a href="${href}" style="${style}">${label}</a></p>
<p style="${S.small}"><a href="${href}" style="${S.link}">${href}</a></p>`;
  const verify: SafeHtml | string =
    v.kind === "VERIFICATION"
      ? html`${v.verifyUrl ? button(v.verifyUrl, t.verifyAction) : ""}${
          v.verifyDeadline ? html`<p><strong>${t.verifyDeadline(v.verifyDeadline)}</strong></p>` : ""
        }`
      : "";
  const concerns = v.concerns.length
    ? html`<h2 style="${S.h2}">${t.concerns}</h2>
<ul>${v.concerns.map(
        (c) => html`<li><strong>${c.label}</strong>${
          v.kind !== "CANCELLATION" && c.documents.length
            ? html`<br>${t.bring}<ul>${c.documents.map((d) => html`<li>${d}</li>`)}</ul>`
            : ""
        }${
          v.kind !== "CANCELLATION" && c.hints.length
            ? html`${c.documents.length ? "" : html`<br>`}${t.hints}<ul>${c.hints.map((h) => html`<li>${h}</li>`)}</ul>`
            : ""
        }</li>`,
      )}</ul>`
    : "";
  const manage =
    (v.kind === "CONFIRMATION" || v.kind === "RESCHEDULE" || v.kind === "REMINDER") && v.manageUrl
      ? html`<h2 style="${S.h2}">${t.manageIntro.replace(/:$/, "")}</h2>${button(v.manageUrl, t.manageAction)}<p style="${S.small}">${t.managePrivate}</p>`
      : "";
  const contact =
    v.phoneHours || v.contactEmail
      ? html`<h2 style="${S.h2}">${t.contactLabel}</h2>${
          v.phoneHours ? html`<p>${phoneLine(t.phoneHours, v.phoneHours)}</p>` : ""
        }${v.contactEmail ? html`<p>${t.contact(v.contactEmail)}</p>` : ""}`
      : "";
  const doc = html`<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.heading[v.kind]}</title>
</head>
<body style="${S.body}">
<div style="${S.main}">
<h1 style="${S.h1}">${t.heading[v.kind]}</h1>
<p>${t.greeting(v.contactName)}</p>
<p>${t.intro[v.kind]}</p>
${verify}
<dl style="${S.dl}">
<dt style="${S.dt}">${t.reference}</dt><dd style="${S.dd}"><strong>${v.reference}</strong></dd>
<dt style="${S.dt}">${t.date}</dt><dd style="${S.dd}">${v.day}</dd>
<dt style="${S.dt}">${t.time}</dt><dd style="${S.dd}">${v.timeRange}</dd>
${v.previously ? html`<dt style="${S.dt}">${t.previously}</dt><dd style="${S.dd}"><s>${v.previously}</s></dd>` : ""}
<dt style="${S.dt}">${t.place}</dt><dd style="${S.dd}">${v.officeName}${v.addressLines.map((line) => html`<br>${line}`)}</dd>
${v.reason ? html`<dt style="${S.dt}">${t.reason}</dt><dd style="${S.dd}">${v.reason}</dd>` : ""}
</dl>
${concerns}
${v.kind === "CANCELLATION" ? html`<p>${t.rebook}</p>` : ""}
${manage}
${v.kind === "VERIFICATION" ? html`<p style="${S.small}">${t.verifyIgnore}</p>` : ""}
${v.ics ? html`<p style="${S.small}">${v.kind === "CANCELLATION" ? t.calendarCancel : t.calendarRequest}</p>` : ""}
${contact}
<p>${t.regards}<br>${v.tenantName}</p>
<p style="${S.footer}">${t.automatic}</p>
</div>
</body>
</html>`;
  return `<!doctype html>\n${doc.value}\n`;
}

function icsDescription(v: View): string {
  const { t } = v;
  const lines = [`${t.reference}: ${v.reference}`];
  if (v.reason) lines.push(`${t.reason}: ${v.reason}`);
  if (v.concerns.length) lines.push("", `${t.concerns}:`);
  for (const c of v.concerns) {
    lines.push(`• ${c.label}`);
    if (v.kind !== "CANCELLATION") {
      if (c.documents.length) lines.push(`  ${t.bring} ${c.documents.join("; ")}`);
      if (c.hints.length) lines.push(`  ${t.hints} ${c.hints.join(" ")}`);
    }
  }
  if (v.kind !== "CANCELLATION" && v.manageUrl) lines.push("", t.manageIntro, v.manageUrl);
  if (v.contactEmail) lines.push("", t.contact(v.contactEmail));
  return lines.join("\n");
}

/**
 * The calendar's organizer is the agency. RFC 5546 requires an ORGANIZER; without a
 * contact address the agency gets a no-reply address on the gateway's host.
 */
function organizerEmail(data: BookingMailData): string {
  const contact = data.tenant.contactEmail?.trim();
  if (contact) return contact;
  let host = "localhost";
  try {
    host = new URL(data.manageUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `noreply@${host}`;
}

/**
 * Renders a booking mail (subject, plain text, HTML and, except for VERIFICATION,
 * an iCalendar object) in the booking's locale. Pure: no clock, no I/O; the booking
 * flow calls it inside its transaction and stores the result in the outbox.
 *
 * VERIFICATION carries no .ics: the appointment is not binding yet, and the
 * confirmation sent after verification brings the calendar entry.
 */
export function renderBookingMail(data: BookingMailData): OutboxMail {
  const v = view(data);
  const method = data.kind === "CANCELLATION" ? "CANCEL" : "REQUEST";
  const icsContent = v.ics
    ? buildIcs({
        method,
        uid: bookingUid(data.booking.id),
        sequence: data.booking.icsSequence,
        stamp: data.now,
        start: data.booking.start,
        end: data.booking.end,
        summary: `${v.t.summary}: ${v.concerns.map((c) => c.name).join(", ") || v.reference} – ${v.officeName}`,
        location: [v.officeName, ...v.addressLines].join(", "),
        description: icsDescription(v),
        url: method === "REQUEST" ? v.manageUrl : null,
        organizer: { email: organizerEmail(data), name: v.tenantName },
        attendee: { email: data.booking.contactEmail, name: data.booking.contactName },
        language: v.lang,
        reminderMinutes: REMINDER_MINUTES,
      })
    : null;
  return {
    toAddress: data.booking.contactEmail,
    subject: subjectOf(data, v),
    textBody: textBody(v),
    htmlBody: htmlBody(v),
    icsMethod: icsContent ? method : null,
    icsContent,
  };
}
