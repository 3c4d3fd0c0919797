import { msg, str } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { offerDaysLeft } from "../lib/counted-texts.ts";
import { formatSlot } from "../lib/dates.ts";
import { formValues } from "./fields.ts";
import { formatInstant } from "./format.ts";
import type { PortalHost } from "./host.ts";
import { answerOffer, APPLY, CANCEL_APPOINTMENT, type Campaign, type TimeOfDay, WITHDRAW } from "./portal-api.ts";
import { stationText, timeOfDayText } from "./texts.ts";
import { daysLeft, timeline } from "./timeline.ts";

const WEEKDAYS = [1, 2, 3, 4, 5];
const TIMES: TimeOfDay[] = ["MORNING", "AFTERNOON", "EVENING"];

/** "Montag" … for ISO weekday 1 … 7 (2024-01-01 was a Monday). */
const weekdayName = (day: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, day)));

function checkboxes(name: string, legend: string, options: [string, string][], chosen: string[]): TemplateResult {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${options.map(
      ([value, label]) => html`<p class="check">
        <input type="checkbox" id="${name}-${value}" name=${name} value=${value} ?checked=${chosen.includes(value)} />
        <label for="${name}-${value}">${label}</label>
      </p>`,
    )}
  </fieldset>`;
}

/** Apply, or change the preferences, while the window is open. */
function applyForm(p: PortalHost, c: Campaign): TemplateResult {
  const mine = c.myApplication?.state === "APPLIED" ? c.myApplication : null;
  const prefs = mine?.preferences ?? { offices: [], weekdays: [], timesOfDay: [] };
  const submit = (event: Event) => {
    const form = formValues(event);
    const preferences = {
      weekdays: form.all("weekday").map(Number),
      timesOfDay: form.all("time"),
      ...(p.agency.offices.length > 1 ? { offices: form.all("office") } : {}),
    };
    void p.send(APPLY, { tenant: p.agency.slug, campaign: c.slug, preferences }, () =>
      mine ? msg("Ihre Wünsche sind gespeichert.") : msg("Ihre Anfrage ist eingegangen. Sie nehmen an der Auslosung teil."),
    );
  };
  return html`<form novalidate @submit=${submit}>
    <p>${msg("Wann passt es Ihnen? Kreuzen Sie nichts an, passt Ihnen jeder Termin. Ihre Wünsche ändern Ihre Chancen nicht; sie bestimmen nur, welcher Termin Ihnen angeboten werden kann.")}</p>
    ${checkboxes("weekday", msg("Wochentage"), WEEKDAYS.map((d) => [String(d), weekdayName(d, p.locale)]), prefs.weekdays.map(String))}
    ${checkboxes("time", msg("Tageszeit"), TIMES.map((t) => [t, timeOfDayText(t)]), prefs.timesOfDay)}
    ${p.agency.offices.length > 1 ? checkboxes("office", msg("Standort"), p.agency.offices.map((o) => [o.slug, o.name]), prefs.offices) : nothing}
    <div class="actions">
      ${mine
        ? html`<button type="button" part="button" ?disabled=${p.busy} @click=${() => withdraw(p, c)}>${msg("Anfrage zurückziehen")}</button>`
        : nothing}
      <button class="primary" part="button button-primary" ?disabled=${p.busy}>${mine ? msg("Wünsche speichern") : msg("Terminanfrage stellen")}</button>
    </div>
  </form>`;
}

const withdraw = (p: PortalHost, c: Campaign) =>
  p.send(WITHDRAW, { tenant: p.agency.slug, campaign: c.slug }, () => msg("Ihre Anfrage ist zurückgezogen."));

function offer(p: PortalHost, c: Campaign): TemplateResult {
  const a = c.myApplication!;
  const days = daysLeft(a.offerDeadline!, Date.now());
  const answer = (name: "confirmOffer" | "declineOffer") =>
    p.send(answerOffer(name), { tenant: p.agency.slug, campaign: c.slug }, () =>
      name === "confirmOffer" ? msg("Ihr Termin ist bestätigt.") : msg("Sie haben das Angebot abgelehnt. Der Termin wird neu vergeben."),
    );
  return html`<div class="notice offer">
    <h4>${msg("Ihr Terminangebot")}</h4>
    <p class="slot">${formatSlot(a.appointmentStart!, a.appointmentEnd!, p.locale, p.agency.timeZone)}</p>
    <p>
      ${msg(str`Bitte bestätigen oder lehnen Sie bis ${formatInstant(a.offerDeadline!, p.locale, p.agency.timeZone)} ab.`)}
      <strong>${days === 0 ? msg("Weniger als ein Tag.") : offerDaysLeft(p.locale, days)}</strong>
      ${msg("Ohne Antwort verfällt das Angebot und der Termin geht an die Warteliste.")}
    </p>
    <div class="actions">
      <button part="button" ?disabled=${p.busy} @click=${() => answer("declineOffer")}>${msg("Termin ablehnen")}</button>
      <button class="primary" part="button button-primary" ?disabled=${p.busy} @click=${() => answer("confirmOffer")}>${msg("Termin bestätigen")}</button>
    </div>
  </div>`;
}

function confirmed(p: PortalHost, c: Campaign): TemplateResult {
  const a = c.myApplication!;
  return html`<div class="notice">
    <h4>${msg("Ihr Termin")}</h4>
    <p class="slot">${formatSlot(a.appointmentStart!, a.appointmentEnd!, p.locale, p.agency.timeZone)}</p>
    ${a.calendarFile
      ? html`<p><a class="button" part="button" href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(a.calendarFile)}`} download="termin.ics"
          >${msg("Termin in den Kalender übernehmen (.ics)")}</a></p>`
      : nothing}
    <p>${msg("Können Sie nicht kommen? Bitte sagen Sie ab, damit der Termin neu vergeben werden kann.")}</p>
    <div class="actions">
      <button part="button" ?disabled=${p.busy} @click=${() =>
        p.send(CANCEL_APPOINTMENT, { tenant: p.agency.slug, campaign: c.slug }, () => msg("Ihr Termin ist storniert. Er wird neu vergeben."))}>
        ${msg("Termin stornieren")}
      </button>
    </div>
  </div>`;
}

/** The customer's request in a campaign: timeline, then what can be done now. */
export function requestView(p: PortalHost, c: Campaign): TemplateResult {
  const a = c.myApplication;
  const open = c.status === "OPEN";
  const steps = a ? timeline(a.state, c.status) : [];
  return html`<section aria-labelledby="request-heading">
    <h3 id="request-heading">${msg("Ihre Anfrage")}</h3>
    ${a
      ? html`<ol class="timeline" aria-label=${msg("Stand Ihrer Anfrage")}>
            ${steps.map(
              (s) => html`<li class=${s.status} aria-current=${s.status === "current" ? "step" : nothing}>
                ${stationText(s.station)}<span class="vh">${s.status === "done" ? msg("(erledigt)") : s.status === "upcoming" ? msg("(noch offen)") : msg("(aktuell)")}</span>
              </li>`,
            )}
          </ol>
          <p>${msg("Ihr Teilnahmecode:")} <code>${a.entryCode}</code>${a.lotteryRank ? html` · ${msg("Losrang:")} ${a.lotteryRank}` : nothing}</p>`
      : nothing}
    ${a?.state === "OFFERED" ? offer(p, c) : nothing}
    ${a?.state === "CONFIRMED" ? confirmed(p, c) : nothing}
    ${a?.state === "WAITLISTED"
      ? html`<p>${msg("Sie stehen auf der Warteliste. Wird ein Termin frei – weil jemand absagt oder ein Angebot verfällt –, geht er an die nächste Anfrage der Warteliste, zu deren Wünschen er passt, in der ausgelosten Reihenfolge. Ob das geschieht, entscheidet also das Los; versprechen können wir es nicht.")}</p>
          <div class="actions"><button part="button" ?disabled=${p.busy} @click=${() => withdraw(p, c)}>${msg("Warteliste verlassen")}</button></div>`
      : nothing}
    ${a && ["DECLINED", "EXPIRED", "WITHDRAWN", "CANCELLED"].includes(a.state) ? html`<p>${msg("Diese Anfrage ist beendet.")}</p>` : nothing}
    ${open && (!a || a.state === "APPLIED") ? applyForm(p, c) : nothing}
    ${!a && !open ? html`<p>${msg("Sie haben in diesem Verfahren keine Anfrage gestellt.")}</p>` : nothing}
  </section>`;
}
