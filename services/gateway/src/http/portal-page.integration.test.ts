import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

describe("the portal's mail-link pages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!);
  });
  afterAll(async () => h?.close());

  it.each(["verify", "offer", "reset-password", "confirm-email"])("/portal/<tenant>/%s hosts the portal in that mode, never with the token", async (mode) => {
    const response = await h.yoga.fetch(`http://localhost/portal/demo-steuerberatung/${mode}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).toContain('<script type="module" src="/portal.js"></script>');
    expect(page).toContain(`<terminvergabe-portal tenant="demo-steuerberatung" mode="${mode}" lang="de"></terminvergabe-portal>`);
  });

  it("answers an unknown agency or link kind with 404", async () => {
    expect((await h.yoga.fetch("http://localhost/portal/nobody/offer")).status).toBe(404);
    expect((await h.yoga.fetch("http://localhost/portal/demo-steuerberatung/anything")).status).toBe(404);
  });
});
