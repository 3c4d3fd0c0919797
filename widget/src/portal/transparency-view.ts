import { msg } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import type { PortalHost } from "./host.ts";
import type { Campaign } from "./portal-api.ts";

/** The public record of a drawn campaign and how anyone can check it. */
export function transparencyView(p: PortalHost, c: Campaign): TemplateResult {
  const r = c.record;
  const mine = c.myApplication;
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Transparenz der Auslosung")}: ${c.name}</h2>
    <p>${msg("Vor der Anmeldung wurde ein Fingerabdruck (Commitment) eines geheimen Zufallswerts veröffentlicht, zum Ende der Anmeldung ein Fingerabdruck der Teilnehmerliste. Die Auslosung verbindet den geheimen Wert mit einem öffentlichen Zufallswert (Beacon). So kann niemand – auch wir nicht – das Ergebnis vorher kennen oder nachträglich ändern.")}</p>
    ${r
      ? html`<dl class="record">
          <dt>${msg("Commitment (SHA-256 des geheimen Werts)")}</dt><dd><code>${c.commitment}</code></dd>
          <dt>${msg("Fingerabdruck der Teilnehmerliste")}</dt><dd><code>${c.entryListHash}</code></dd>
          <dt>${msg("Öffentlicher Zufallswert (Beacon)")}</dt><dd><code>${r.beacon}</code></dd>
          <dt>${msg("Geheimer Wert (jetzt offengelegt)")}</dt><dd><code>${r.secret}</code></dd>
          <dt>${msg("Startwert der Auslosung (Seed)")}</dt><dd><code>${r.drawSeed}</code></dd>
          <dt>${msg("Teilnehmende Anfragen")}</dt><dd>${r.entries}</dd>
          ${mine
            ? html`<dt>${msg("Ihr Teilnahmecode")}</dt><dd><code>${mine.entryCode}</code></dd>
                <dt>${msg("Ihr Losrang")}</dt><dd>${mine.lotteryRank ?? "–"}</dd>`
            : nothing}
        </dl>
        <h3>${msg("So prüfen Sie die Auslosung selbst")}</h3>
        <ol>
          <li>${msg("Laden Sie das vollständige Protokoll herunter:")} <a href=${r.url} download>${msg("Protokoll der Auslosung (JSON)")}</a></li>
          <li>${msg("Laden Sie das Prüfprogramm verify_draw.py (tools/verify-draw, nur Python 3 nötig).")}</li>
          <li>${msg("Führen Sie es mit den vorher veröffentlichten Werten aus:")}
            <pre><code>python3 verify_draw.py protokoll.json --commitment ${c.commitment} --entry-list-hash ${c.entryListHash}</code></pre></li>
          <li>${msg("Das Programm rechnet die Auslosung nach und meldet, ob alles übereinstimmt. Ihren Teilnahmecode finden Sie im Protokoll mit Ihrem Losrang.")}</li>
        </ol>`
      : html`<p>${msg("Die Auslosung hat noch nicht stattgefunden.")}</p>`}
    <div class="actions"><button part="button" @click=${() => p.go({ name: "campaign", slug: c.slug })}>${msg("Zurück zum Verfahren")}</button></div>`;
}
