import { describe, expect, it } from "vitest";
import { demoSites } from "./demo-host.ts";
import { sitePage, snippet } from "./pages.ts";

const site = (slug: string) => demoSites().find((s) => s.slug === slug)!;
const options = { gatewayUrl: "https://gateway.example", lang: "de" as const, embed: "module" as const };

describe("demo host pages", () => {
  it("given the lottery agency, when its page is rendered, then it embeds the customer portal and shows the demo customers' sign-in", () => {
    const page = sitePage(site("demo-steuerberatung"), options);
    expect(page).toContain('<script type="module" src="https://gateway.example/portal.js"></script>');
    expect(page).toContain('<terminvergabe-portal tenant="demo-steuerberatung" lang="de"></terminvergabe-portal>');
    expect(page).not.toContain("<terminvergabe-booking");
    expect(page).toContain("Demo-Zugänge");
    expect(page).toContain("max.mustermann@example.org");
    expect(page).toContain("<code>demo-passwort</code>");
  });

  it("given a first-come agency, when its page is rendered, then it keeps the booking widget and shows no accounts", () => {
    const page = sitePage(site("demo-buergerbuero"), options);
    expect(page).toContain("<terminvergabe-booking");
    expect(page).not.toContain("portal.js");
    expect(page).not.toContain("Demo-Zugänge");
  });

  it("given the classic embed, when the lottery agency's snippet is made, then it names portal.iife.js", () => {
    expect(snippet(site("demo-steuerberatung"), { ...options, embed: "classic" })).toContain('src="https://gateway.example/portal.iife.js" defer');
  });
});
