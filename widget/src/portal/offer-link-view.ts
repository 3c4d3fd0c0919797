import { msg } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { formatSlot } from "../lib/dates.ts";
import type { PortalHost } from "./host.ts";
import type { OfferAnswer } from "./portal-api.ts";

/**
 * The offer mail's link (`/portal/<tenant>/offer#token=…`): confirm or decline without
 * signing in. `answer` sends the token once; `result` is the gateway's answer.
 */
export function offerLinkView(p: PortalHost, answer: (confirm: boolean) => void, result?: OfferAnswer): TemplateResult {
  const slot = result?.appointmentStart && result.appointmentEnd ? formatSlot(result.appointmentStart, result.appointmentEnd, p.locale, p.agency.timeZone) : "";
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Ihr Terminangebot")}</h2>
    ${!result
      ? html`<p>${msg("Bitte bestätigen Sie den Termin, den wir Ihnen per E-Mail angeboten haben, oder lehnen Sie ihn ab. Dafür müssen Sie sich nicht anmelden.")}</p>
          <div class="actions">
            <button part="button" ?disabled=${p.busy} @click=${() => answer(false)}>${msg("Termin ablehnen")}</button>
            <button class="primary" part="button button-primary" ?disabled=${p.busy} @click=${() => answer(true)}>${msg("Termin bestätigen")}</button>
          </div>`
      : result.state === "CONFIRMED"
        ? html`<p>${msg("Ihr Termin ist bestätigt:")} <strong>${slot}</strong></p>
            <p>${msg("Sie finden ihn auch im Kundenportal. Können Sie nicht kommen, sagen Sie ihn dort bitte ab, damit er neu vergeben werden kann.")}</p>`
        : html`<p>${msg("Sie haben das Angebot abgelehnt. Der Termin wird neu vergeben.")}</p>`}
    ${result ? nothing : html`<p class="hint">${msg("Der Link gilt nur für dieses Angebot und nur einmal.")}</p>`}`;
}
