import { msg } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { signInForm } from "./account-views.ts";
import { formatInstant } from "./format.ts";
import type { PortalHost } from "./host.ts";
import { statusText, stationText } from "./texts.ts";
import { timeline } from "./timeline.ts";

/** Start: the agency's campaigns (public) and, for a signed-in customer, where each request stands. */
export function homeView(p: PortalHost): TemplateResult {
  const { campaigns } = p.agency;
  return html`<h2 id="heading" tabindex="-1" part="heading">${p.customer ? msg("Ihre Terminanfragen") : msg("Steuerterminanfrage")}</h2>
    ${p.customer ? nothing : html`<p>${msg("Melden Sie sich an, um eine Terminanfrage zu stellen oder Ihr Terminangebot zu sehen.")}</p>${signInForm(p)}`}
    <section aria-labelledby="campaigns-heading">
      <h3 id="campaigns-heading">${msg("Vergabeverfahren")}</h3>
      ${campaigns.length
        ? html`<ul class="cards">
            ${campaigns.map((c) => {
              const mine = c.myApplication;
              const station = mine ? timeline(mine.state, c.status).find((s) => s.status === "current")?.station : undefined;
              return html`<li class="card">
                <h4>${c.name}</h4>
                <p>${statusText(c.status)}</p>
                ${c.status === "OPEN" || c.status === "PUBLISHED"
                  ? html`<p>${msg("Anmeldung bis")} ${formatInstant(c.applicationClosesAt, p.locale, p.agency.timeZone)}</p>`
                  : nothing}
                ${mine ? html`<p><strong>${msg("Ihre Anfrage:")}</strong> ${stationText(station ?? "ended")}</p>` : nothing}
                <button part="button" aria-label=${`${msg("Öffnen:")} ${c.name}`} @click=${() => p.go({ name: "campaign", slug: c.slug })}>${msg("Öffnen")}</button>
              </li>`;
            })}
          </ul>`
        : html`<p>${msg("Zurzeit gibt es kein Vergabeverfahren.")}</p>`}
    </section>`;
}
