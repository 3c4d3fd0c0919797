import { msg } from "@lit/localize";
import { html, type TemplateResult } from "lit";
import { formatInstant } from "./format.ts";
import type { PortalHost } from "./host.ts";

/** The customer's notifications, newest first — each also went out as a mail. */
export function notificationsView(p: PortalHost): TemplateResult {
  const list = p.customer?.notifications ?? [];
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Benachrichtigungen")}</h2>
    <p class="hint">${msg("Jede Benachrichtigung haben wir Ihnen auch per E-Mail geschickt.")}</p>
    ${list.length
      ? html`<ul class="cards">
          ${list.map(
            (n) => html`<li class="card">
              <strong>${n.subject}</strong>${n.readAt ? "" : html` <span class="badge">${msg("neu")}</span>`}<br />
              <span class="hint">${formatInstant(n.createdAt, p.locale, p.agency.timeZone)}</span>
            </li>`,
          )}
        </ul>`
      : html`<p>${msg("Noch keine Benachrichtigungen.")}</p>`}`;
}
