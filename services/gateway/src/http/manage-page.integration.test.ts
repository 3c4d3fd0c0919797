import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

describe("the manage page a mail's link opens (issue 11.10)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { jobs: false });
    const o = await createTinyOffice(h.database.db, { slug: "themed", date: "2030-03-04", until: "11:00" });
    await h.database.db.prisma.tenant.update({
      where: { id: o.tenantId },
      data: {
        theme: { "--tv-color-primary": "#9b1c31", "--tv-font-family": "Georgia, serif", "--tv-evil": "red; } body { display: none" },
        imprintUrl: "https://amt.example/impressum",
        privacyUrl: "javascript:alert(1)",
      },
    });
    await createTinyOffice(h.database.db, { slug: "plain", date: "2030-03-04", until: "11:00" });
  });
  afterAll(async () => h?.close());

  it("wears the tenant's theme and links its legal pages; only http(s) links and well-formed properties get through", async () => {
    const page = await (await h.yoga.fetch("http://localhost/manage/themed")).text();
    expect(page).toContain("--tv-color-primary: #9b1c31;");
    expect(page).toContain("--tv-font-family: Georgia, serif;");
    expect(page).toContain("var(--tv-font-family");
    expect(page).not.toContain("display: none");
    expect(page).toContain('<a href="https://amt.example/impressum">Impressum</a>');
    expect(page).not.toContain("javascript:");
    expect(page).not.toContain(">Datenschutz<");
    expect(page).toContain('<terminvergabe-booking tenant="themed" mode="manage"');
  });

  it("without legal links configured, has no empty legal navigation", async () => {
    const page = await (await h.yoga.fetch("http://localhost/manage/plain")).text();
    expect(page).not.toContain("<footer>");
  });
});
