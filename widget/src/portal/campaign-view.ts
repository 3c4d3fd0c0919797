import { msg } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { signInForm } from "./account-views.ts";
import { formatInstant, formatPeriod } from "./format.ts";
import type { PortalHost } from "./host.ts";
import type { Campaign } from "./portal-api.ts";
import { requestView } from "./request-view.ts";
import { procedureText, statusText } from "./texts.ts";

/** One campaign: its window, period and procedure, and the customer's request in it. */
export function campaignView(p: PortalHost, c: Campaign): TemplateResult {
  const at = (instant: string) => formatInstant(instant, p.locale, p.agency.timeZone);
  return html`<h2 id="heading" tabindex="-1" part="heading">${c.name}</h2>
    <p><strong>${statusText(c.status)}</strong></p>
    <dl>
      <dt>${msg("Anmeldung")}</dt>
      <dd>${at(c.applicationOpensAt)} – ${at(c.applicationClosesAt)}</dd>
      <dt>${msg("Auslosung")}</dt>
      <dd>${at(c.drawAt)}</dd>
      <dt>${msg("Beratungszeitraum")}</dt>
      <dd>${formatPeriod(c.periodFrom, c.periodTo, p.locale)}</dd>
      <dt>${msg("Termine")}</dt>
      <dd>${c.slotCount}</dd>
    </dl>
    <section class="notice" aria-labelledby="procedure-heading">
      <h3 id="procedure-heading">${msg("So funktioniert die Vergabe")}</h3>
      ${procedureText().map((line) => html`<p>${line}</p>`)}
    </section>
    ${p.customer ? requestView(p, c) : signInForm(p)}
    ${c.record
      ? html`<p><button part="button" @click=${() => p.go({ name: "transparency", slug: c.slug })}>${msg("Transparenz: die Auslosung nachprüfen")}</button></p>`
      : nothing}
    <div class="actions"><button part="button" @click=${() => p.go({ name: "home" })}>${msg("Zurück zur Übersicht")}</button></div>`;
}
