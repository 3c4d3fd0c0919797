import { type Locale, localize } from "@terminvergabe/core";
import { type Database, type OutboxEntry, OutboxRepository } from "@terminvergabe/db";
import { html, htmlResponse, type SafeHtml } from "../http/html.ts";
import { type MailCipher, PLAIN } from "./mail-cipher.ts";

/** Mails listed on the page. */
const LIST_LIMIT = 50;

const labels = {
  de: {
    title: "Dev-Postfach",
    intro:
      "Ohne SMTP_URL werden E-Mails nicht verschickt, sondern hier angezeigt. Nur für die eingebettete Demo gedacht.",
    empty: "Noch keine E-Mails.",
    refresh: "Aktualisieren",
    back: "Zurück zur Liste",
    time: "Zeit",
    agency: "Behörde",
    to: "An",
    subject: "Betreff",
    kind: "Art",
    status: "Status",
    attempts: "Versuche",
    sentAt: "Versendet",
    nextAttempt: "Nächster Versuch",
    lastError: "Letzter Fehler",
    messageId: "Message-ID",
    text: "Textfassung",
    htmlPart: "HTML-Fassung",
    htmlFrame: "HTML-Fassung der E-Mail",
    ics: "Kalenderdatei",
    download: (method: string) => `termin.ics herunterladen (METHOD:${method})`,
    notFound: "Diese E-Mail gibt es nicht.",
    statuses: { PENDING: "wartet", SENT: "versendet", FAILED: "fehlgeschlagen" },
    kinds: { CONFIRMATION: "Bestätigung", VERIFICATION: "Bestätigungslink", CANCELLATION: "Absage", RESCHEDULE: "Verschiebung" },
    otherLanguage: "English",
  },
  en: {
    title: "Dev mailbox",
    intro: "Without SMTP_URL, mails are not sent but shown here. Meant for the embedded demo only.",
    empty: "No mails yet.",
    refresh: "Refresh",
    back: "Back to the list",
    time: "Time",
    agency: "Agency",
    to: "To",
    subject: "Subject",
    kind: "Kind",
    status: "Status",
    attempts: "Attempts",
    sentAt: "Sent",
    nextAttempt: "Next attempt",
    lastError: "Last error",
    messageId: "Message-ID",
    text: "Plain text",
    htmlPart: "HTML version",
    htmlFrame: "HTML version of the mail",
    ics: "Calendar file",
    download: (method: string) => `Download termin.ics (METHOD:${method})`,
    notFound: "There is no such mail.",
    statuses: { PENDING: "pending", SENT: "sent", FAILED: "failed" },
    kinds: { CONFIRMATION: "confirmation", VERIFICATION: "verification link", CANCELLATION: "cancellation", RESCHEDULE: "reschedule" },
    otherLanguage: "Deutsch",
  },
} as const;

type Labels = (typeof labels)[Locale];

function kindLabel(l: Labels, kind: string): string {
  return (l.kinds as Record<string, string>)[kind] ?? kind;
}

function formatTime(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone,
  }).format(date);
}

function link(lang: Locale, params: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...params, ...(lang === "en" ? { lang: "en" } : {}) }).toString();
  return `/dev/mail${search ? `?${search}` : ""}`;
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  a { color: #0b57a4; }
  .status-FAILED { color: #a40b0b; font-weight: bold; }
  .status-PENDING { color: #7a5a00; }
  pre { background: #f6f6f6; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 40rem; border: 1px solid #ccc; background: #fff; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  nav { display: flex; gap: 1rem; }
`;

function page(lang: Locale, title: string, body: SafeHtml, status = 200): Response {
  const l = labels[lang];
  const response = htmlResponse(
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} – Terminvergabe</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<nav aria-label="${l.title}"><a href="${link(lang)}">${l.title}</a><a href="${link(lang === "de" ? "en" : "de")}" lang="${
      lang === "de" ? "en" : "de"
    }">${l.otherLanguage}</a></nav>
${body}
</main>
</body>
</html>`,
    status,
  );
  // The mails contain manage links with tokens: never cache them, never leak them as referrer.
  response.headers.set("cache-control", "no-store");
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}

function list(lang: Locale, entries: OutboxEntry[]): Response {
  const l = labels[lang];
  const rows = entries.map(
    (e) => html`<tr>
<td><time datetime="${e.createdAt.toISOString()}">${formatTime(e.createdAt, lang, e.timeZone)}</time></td>
<td>${localize(e.tenantName, lang)}</td>
<td>${e.toAddress}</td>
<td><a href="${link(lang, { id: e.id })}">${e.subject}</a></td>
<td>${kindLabel(l, e.kind)}</td>
<td class="status-${e.status}">${l.statuses[e.status]}</td>
</tr>`,
  );
  return page(
    lang,
    l.title,
    html`<h1>${l.title}</h1>
<p>${l.intro}</p>
<p><a href="${link(lang)}">${l.refresh}</a></p>
${
  entries.length
    ? html`<table>
<thead><tr><th scope="col">${l.time}</th><th scope="col">${l.agency}</th><th scope="col">${l.to}</th><th scope="col">${l.subject}</th><th scope="col">${l.kind}</th><th scope="col">${l.status}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p>${l.empty}</p>`
}`,
  );
}

/**
 * GET /dev/mail — the embedded demo's mailbox: the last 50 mails of the outbox;
 * `?id=<uuid>` shows one (text, HTML in a sandboxed frame, .ics), `&ics=1` downloads
 * its calendar file; `lang=en` switches the labels to English.
 *
 * It shows every tenant's mails, personal data included: route it only in the
 * embedded demo (no SMTP_URL, no DATABASE_URL).
 */
export async function devMailboxResponse(db: Database, url: URL, cipher: MailCipher = PLAIN): Promise<Response> {
  const lang: Locale = url.searchParams.get("lang") === "en" ? "en" : "de";
  const l = labels[lang];
  const repo = new OutboxRepository(db);
  const id = url.searchParams.get("id");
  if (!id) return list(lang, await repo.recent(LIST_LIMIT));

  const stored = await repo.find(id);
  const mail = stored && {
    ...stored,
    textBody: cipher.open(stored.textBody),
    htmlBody: stored.htmlBody === null ? null : cipher.open(stored.htmlBody),
    icsContent: stored.icsContent === null ? null : cipher.open(stored.icsContent),
  };
  if (!mail) return page(lang, l.notFound, html`<h1>${l.notFound}</h1><p><a href="${link(lang)}">${l.back}</a></p>`, 404);

  if (url.searchParams.get("ics") === "1") {
    if (!mail.icsContent) return new Response(l.notFound, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    const method = mail.icsMethod === "CANCEL" ? "CANCEL" : "REQUEST";
    return new Response(mail.icsContent, {
      headers: {
        "content-type": `text/calendar; charset=utf-8; method=${method}`,
        "content-disposition": 'attachment; filename="termin.ics"',
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  }

  const when = (d: Date | null) => (d ? formatTime(d, lang, mail.timeZone) : "–");
  // Links in the mail open in a new tab; the frame itself may run nothing (no scripts,
  // no same-origin access, no forms).
  const srcdoc = mail.htmlBody ? `<base target="_blank">${mail.htmlBody}` : null;
  return page(
    lang,
    mail.subject,
    html`<p><a href="${link(lang)}">${l.back}</a></p>
<h1>${mail.subject}</h1>
<dl>
<dt>${l.to}</dt><dd>${mail.toAddress}</dd>
<dt>${l.agency}</dt><dd>${localize(mail.tenantName, lang)}</dd>
<dt>${l.kind}</dt><dd>${kindLabel(l, mail.kind)}</dd>
<dt>${l.status}</dt><dd class="status-${mail.status}">${l.statuses[mail.status]}</dd>
<dt>${l.time}</dt><dd>${when(mail.createdAt)}</dd>
<dt>${l.sentAt}</dt><dd>${when(mail.sentAt)}</dd>
<dt>${l.attempts}</dt><dd>${mail.attempts}</dd>
${mail.status === "PENDING" ? html`<dt>${l.nextAttempt}</dt><dd>${when(mail.nextAttemptAt)}</dd>` : ""}
${mail.lastError ? html`<dt>${l.lastError}</dt><dd>${mail.lastError}</dd>` : ""}
<dt>${l.messageId}</dt><dd><code>${mail.messageId ?? "–"}</code></dd>
</dl>
${
  srcdoc
    ? html`<h2>${l.htmlPart}</h2>
<iframe title="${l.htmlFrame}" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${srcdoc}"></iframe>`
    : ""
}
<h2>${l.text}</h2>
<pre>${mail.textBody}</pre>
${
  mail.icsContent
    ? html`<h2>${l.ics}</h2>
<p><a href="${link(lang, { id: mail.id, ics: "1" })}" download="termin.ics">${l.download(mail.icsMethod ?? "REQUEST")}</a></p>
<pre>${mail.icsContent}</pre>`
    : ""
}`,
  );
}
