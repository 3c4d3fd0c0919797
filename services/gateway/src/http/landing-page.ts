import { localize } from "@terminvergabe/core";
import type { AppServices } from "../app-services.ts";
import { html, htmlResponse } from "./html.ts";

/** GET / — the demo agencies with their offices and concerns, German first. */
export async function landingPage(services: AppServices): Promise<Response> {
  const tenants = await services.tenants.list();
  const sections = await Promise.all(
    tenants.map(async (tenant) => {
      const [offices, concerns] = await Promise.all([
        services.tenants.offices(tenant.id),
        services.tenants.services(tenant.id),
      ]);
      return html`<section aria-labelledby="t-${tenant.slug}">
  <h2 id="t-${tenant.slug}">${localize(tenant.name, "de")}</h2>
  <p lang="en">${localize(tenant.name, "en")} · <code>${tenant.slug}</code></p>
  <h3>Standorte <span lang="en">/ Offices</span></h3>
  <ul>${offices.map((o) => html`<li>${localize(o.name, "de")} — ${o.address.street}, ${o.address.postalCode} ${o.address.city}</li>`)}</ul>
  <h3>Anliegen <span lang="en">/ Concerns</span></h3>
  <ul>${concerns.map(
    (s) => html`<li><strong>${localize(s.name, "de")}</strong> <span lang="en">(${localize(s.name, "en")})</span>, ${s.durationMinutes} min${
      s.documents.length
        ? html`<br><small>Mitzubringen: ${s.documents.map((d) => localize(d, "de")).join("; ")}</small>`
        : ""
    }</li>`,
  )}</ul>
</section>`;
    }),
  );
  return htmlResponse(html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Terminvergabe – Demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
  section { border-top: 1px solid #ccc; padding-top: 1rem; }
  code { background: #f2f2f2; padding: 0 .25rem; }
  a { color: #0b57a4; }
</style>
</head>
<body>
<main>
<h1>Terminvergabe</h1>
<p>Online-Terminvergabe für Behörden – Demo mit ${tenants.length} Mandanten.
<span lang="en">Online appointments for public agencies – demo with ${tenants.length} tenants.</span></p>
<p><a href="/graphql">GraphQL-API und GraphiQL</a> · <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></p>
${sections}
</main>
</body>
</html>`);
}
