import { escapeHtml as e } from "../http/html.ts";

/** What a demo page needs to know about its agency (from the demo seed). */
export interface DemoSite {
  slug: string;
  name: string;
  /** Short name of the town or chamber for the site header. */
  town: string;
  phoneHours: string[];
  contactEmail: string;
  /** The theme colour of the agency's own website (not the widget's). */
  colour: string;
  /** Lottery agencies embed the customer portal; the demo customers' sign-in is shown. */
  portal?: { customers: { name: string; email: string }[]; password: string };
}

export interface PageOptions {
  gatewayUrl: string;
  lang: "de" | "en";
  /** `module` (recommended snippet) or `classic` (IIFE for CMSs that strip type="module"). */
  embed: "module" | "classic";
}

export function snippet(site: DemoSite, options: PageOptions): string {
  const bundle = site.portal ? "portal" : "widget";
  const element = site.portal ? "terminvergabe-portal" : "terminvergabe-booking";
  const script =
    options.embed === "module"
      ? `<script type="module" src="${options.gatewayUrl}/${bundle}.js"></script>`
      : `<script src="${options.gatewayUrl}/${bundle}.iife.js" defer></script>`;
  return `${script}\n<${element} tenant="${site.slug}" lang="${options.lang}"></${element}>`;
}

/** The demo customers' sign-in for a portal page (fictional accounts of the demo seed). */
function demoAccounts(site: DemoSite): string {
  if (!site.portal) return "";
  return `<section><h2>Demo-Zugänge</h2>
<p>Melden Sie sich im Kundenportal mit einem dieser Demo-Konten an (Passwort für alle: <code>${e(site.portal.password)}</code>) oder registrieren Sie sich neu.</p>
<ul>${site.portal.customers.map((c) => `<li>${e(c.name)}: <code>${e(c.email)}</code></li>`).join("")}</ul></section>`;
}

const STYLE = `
  html { font-size: 100%; }
  body { margin: 0; font-family: "Segoe UI", Arial, sans-serif; line-height: 1.55; color: #222; background: #f4f4f1; }
  a { color: #0b4f8a; }
  .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 2; }
  header.site { background: var(--site-colour); color: #fff; }
  header.site .inner, nav.main .inner, .page, footer .inner { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
  header.site .inner { display: flex; align-items: center; gap: 1rem; padding-top: 1rem; padding-bottom: 1rem; }
  .crest { width: 2.75rem; height: 3.25rem; background: #fff; border-radius: 0 0 1.4rem 1.4rem; box-shadow: inset 0 0 0 .35rem var(--site-colour), inset 0 0 0 .55rem #fff, inset 0 -1.3rem 0 .55rem #e8c547; flex: none; }
  header.site strong { font-size: 1.4rem; display: block; } header.site span { opacity: .9; }
  nav.main { background: #fff; border-bottom: 1px solid #ccc; }
  nav.main ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
  nav.main a { display: block; padding: .75rem 0; color: #222; text-decoration: none; font-weight: 600; }
  nav.main a[aria-current] { border-bottom: 3px solid var(--site-colour); }
  .crumbs { font-size: .9rem; margin: 1rem 0; } .crumbs ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
  .crumbs li + li::before { content: "›"; margin-right: .25rem; }
  .page { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 2rem; padding-bottom: 2rem; }
  @media (max-width: 60rem) { .page { grid-template-columns: minmax(0, 1fr); } }
  main { background: #fff; padding: 1.5rem; border: 1px solid #ddd; min-width: 0; }
  main h1 { margin-top: 0; color: var(--site-colour); }
  aside section { background: #fff; border: 1px solid #ddd; padding: 1rem 1.25rem; margin-bottom: 1rem; }
  aside h2 { font-size: 1.1rem; margin-top: 0; }
  pre { white-space: pre-wrap; word-break: break-all; background: #1f2328; color: #f0f0f0; padding: .75rem; font-size: .8rem; border-radius: 4px; }
  footer { background: #333; color: #eee; padding: 1.5rem 0; } footer a { color: #fff; } footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 0; margin: 0; }
`;

/** Content-Security-Policy of the demo pages: the widget must work under a strict one. */
export function csp(gatewayUrl: string): string {
  const ws = gatewayUrl.replace(/^http/, "ws");
  return [
    "default-src 'self'",
    `script-src 'self' ${gatewayUrl}`,
    `connect-src 'self' ${gatewayUrl} ${ws}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `frame-ancestors 'none'`,
  ].join("; ");
}

function layout(site: DemoSite, title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – ${e(site.name)}</title>
<style>:root { --site-colour: ${site.colour}; }${STYLE}</style>
${head}
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="site"><div class="inner"><div class="crest" aria-hidden="true"></div><div><strong>${e(site.town)}</strong><span>${e(site.name)}</span></div></div></header>
<nav class="main" aria-label="Hauptnavigation"><div class="inner"><ul>
<li><a href="/">Startseite</a></li><li><a href="/${site.slug}" aria-current="page">Bürgerservice</a></li><li><a href="/">Rathaus &amp; Politik</a></li><li><a href="/">Wirtschaft</a></li><li><a href="/">Kontakt</a></li>
</ul></div></nav>
<div class="page">
${body}
</div>
<footer><div class="inner"><ul><li><a href="/">Impressum</a></li><li><a href="/">Datenschutz</a></li><li><a href="/">Erklärung zur Barrierefreiheit</a></li></ul>
<p><small>Demo-Website mit erfundenen Daten. Die Terminbuchung ist ein Beispiel für Terminvergabe.</small></p></div></footer>
</body>
</html>`;
}

/** A municipal web page with the booking widget and, for web editors, the snippet to copy. */
export function sitePage(site: DemoSite, options: PageOptions): string {
  const code = snippet(site, options);
  const other = options.lang === "de" ? `?lang=en` : `?lang=de`;
  const title = site.portal ? "Kundenportal Steuerberatung" : "Termin vereinbaren";
  const intro = site.portal
    ? "Die Beratungstermine werden per Los vergeben. Registrieren Sie sich, stellen Sie Ihre Terminanfrage und bestätigen Sie Ihr Terminangebot hier im Kundenportal."
    : "Vereinbaren Sie hier online einen Termin. Sie erhalten eine Bestätigung per E-Mail mit allen Unterlagen, die Sie mitbringen müssen.";
  const body = `<main id="inhalt">
<nav class="crumbs" aria-label="Brotkrumen"><ol><li><a href="/">Startseite</a></li><li><a href="/${site.slug}">Bürgerservice</a></li><li aria-current="page">${title}</li></ol></nav>
<h1>${title}</h1>
<p>${intro}
<a href="${other}" lang="${options.lang === "de" ? "en" : "de"}">${options.lang === "de" ? (site.portal ? "In English" : "Book in English") : site.portal ? "Auf Deutsch" : "Auf Deutsch buchen"}</a></p>
${code}
<noscript><p>Für die Online-Terminbuchung wird JavaScript benötigt. Termine erhalten Sie auch telefonisch.</p></noscript>
</main>
<aside aria-label="Weitere Informationen">
${demoAccounts(site)}
<section><h2>Telefonische Terminvereinbarung</h2>${site.phoneHours.map((h) => `<p>${e(h)}</p>`).join("") || "<p>Montag bis Freitag zu den Öffnungszeiten.</p>"}
<p>E-Mail: <a href="mailto:${e(site.contactEmail)}">${e(site.contactEmail)}</a></p></section>
<section><h2>Für Web-Redaktionen</h2>
<p>So binden Sie die Terminbuchung in Ihre Seite ein – einfach kopieren und im CMS als HTML einfügen:</p>
<pre><code id="snippet">${e(code)}</code></pre>
<p><button type="button" id="copy" hidden>Code kopieren</button> <span id="copied" role="status"></span></p>
<p>Ohne <code>type="module"</code> (ältere CMS): <a href="/${site.slug}/klassisch">klassische Einbindung</a>.
Aussehen anpassen mit CSS-Variablen, z.&nbsp;B. <code>${site.portal ? "terminvergabe-portal" : "terminvergabe-booking"} { --tv-color-primary: #00695c; }</code>.</p>
</section>
</aside>`;
  return layout(site, title, body, `<script type="module" src="/assets/demo.js"></script>`);
}

/**
 * The same widget on a deliberately hostile page: global CSS that would wreck any widget
 * sharing the page's styles, another "framework" with its own custom elements that rewrites
 * the light DOM, and the widget's snippet twice (ES module and classic script).
 */
export function isolationPage(site: DemoSite, options: PageOptions): string {
  const hostile = `
  head, script, style, template { display: none !important; }
  body * { all: unset; }
  html { font-size: 10px !important; }
  body { font-family: "Comic Sans MS", cursive; color: #543 !important; background: repeating-linear-gradient(45deg, #fee, #fee 10px, #eef 10px, #eef 20px) !important; }
  button, input, select, table, td, th, label, fieldset, h2, h3, ol, ul, li, p, dl { display: none !important; }
  div, section { border: 3px dashed red !important; padding: 9px !important; margin: 9px !important; }
  .base, .steps, .notice, .primary, .actions, .vh, .day, .time, .AVAILABLE, [part], [role] { display: none !important; color: lime !important; }
  :focus, :focus-visible { outline: none !important; }
  * { box-sizing: content-box !important; transition: all 3s !important; }
  terminvergabe-booking { display: block; font-size: 1.6rem; }`;
  const body = `<main id="inhalt"><h1>Härtetest: feindliche Seite</h1>
<p id="host-text">Diese Seite setzt aggressive globale Stile und ein zweites Framework ein. Die Terminbuchung darf davon nichts merken – und nichts nach außen abgeben.</p>
<x-shell><x-card>Inhalt eines anderen Frameworks</x-card></x-shell>
<button type="button" id="host-button">Knopf der Seite</button>
${snippet(site, { ...options, embed: "module" })}
<script src="${options.gatewayUrl}/widget.iife.js" defer></script>
</main>`;
  return layout(
    site,
    "Härtetest",
    body,
    `<style>${hostile}</style><script src="/assets/other-framework.js"></script>`,
  );
}

export function indexPage(sites: DemoSite[], gatewayUrl: string): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Terminvergabe – Demo-Websites</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; } li { margin: .5rem 0; }</style></head>
<body><main><h1>Demo-Websites der Behörden</h1>
<p>Jede Seite steht für die Website einer Behörde (eigener Ursprung) und bindet die Terminbuchung von <a href="${e(gatewayUrl)}">${e(gatewayUrl)}</a> ein.</p>
<ul>${sites.map((s) => `<li><a href="/${s.slug}">${e(s.name)}</a> · <a href="/${s.slug}?lang=en" lang="en">English</a> · <a href="/${s.slug}/klassisch">klassische Einbindung</a> · <a href="/${s.slug}/haertetest">Härtetest</a></li>`).join("")}</ul>
<p><a href="${e(gatewayUrl)}/dev/mail">Entwickler-Postfach (versendete E-Mails)</a></p>
</main></body></html>`;
}

/** Copy button of the snippet box (progressive enhancement). */
export const DEMO_SCRIPT = `const button = document.getElementById("copy");
const code = document.getElementById("snippet");
if (button && code && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(code.textContent);
    document.getElementById("copied").textContent = "Kopiert.";
  });
}
`;

/**
 * A stand-in for another framework on the page: its own custom elements with shadow roots,
 * and a mutation observer that rewrites every light-DOM button it sees.
 */
export const OTHER_FRAMEWORK_SCRIPT = `(() => {
  class Shell extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: "open" }).innerHTML = "<style>:host{display:block;border:2px solid navy}</style><slot></slot>"; }
  }
  customElements.define("x-shell", Shell);
  customElements.define("x-card", class extends HTMLElement {});
  new MutationObserver(() => {
    for (const b of document.querySelectorAll("button:not([data-fw])")) { b.dataset.fw = "1"; b.textContent = "FRAMEWORK"; }
  }).observe(document.documentElement, { childList: true, subtree: true });
  window.process = { env: { NODE_ENV: "development" } };
})();
`;
