import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename } }`;
const HOLD = `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Hold { id token } ... on Error { code message } } }`;

describe("step 2 on a 360 px phone (issue 11, items 8 and 9)", () => {
  it("brings the picked day's times into view in morning and afternoon groups, and moves focus to the message when the chosen time is taken", async () => {
    const { tenant } = await stack.gql(`{ tenant(slug: "demo-buergerbuero") { offices { id slug } services(onlineOnly: true) { id slug } } }`);
    const office = tenant.offices.find((o: { slug: string }) => o.slug === "rathaus").id as string;
    const serviceId = tenant.services.find((s: { slug: string }) => s.slug === "bescheinigungen").id as string;

    const page = await stack.newPage({ viewport: { width: 360, height: 640 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Bescheinigungen").check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();

    // A full day: times before and after noon.
    const days = widget.locator("td.AVAILABLE");
    await days.first().waitFor();
    let grouped = false;
    for (let i = 0; i < Math.min(await days.count(), 6) && !grouped; i++) {
      await days.nth(i).click();
      await widget.locator("input[name=time]").first().waitFor();
      grouped = (await widget.locator("fieldset.slots fieldset.slots legend").allTextContents()).join("|") === "Vormittag|Nachmittag";
    }
    expect(grouped).toBe(true);
    // The times are scrolled into view: the first one is on the screen.
    await expect
      .poll(async () => {
        const box = await widget.locator("input[name=time] + label").first().boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 640;
      })
      .toBe(true);
    await expectAccessible(page, "step 2 at 360 px (grouped times)");

    // The chosen time is taken by someone else: focus goes to the message, not to another time.
    const times = widget.locator("input[name=time]");
    const chosen = (await times.nth(1).getAttribute("id"))!.slice(2);
    await widget.locator(`input[id="t-${chosen}"]`).check();
    await widget.locator(`input[id="t-${chosen}"]`).focus();
    for (let i = 0; i < 6; i++) {
      const { holdSlot } = await stack.gql(HOLD, { input: { tenant: "demo-buergerbuero", office, items: [{ serviceId, quantity: 1 }], start: chosen } });
      if (holdSlot.__typename !== "Hold") break;
      const contact = { name: `Andere Person ${i}`, email: `narrow-${i}@example.org` };
      await stack.gql(CONFIRM, { input: { holdId: holdSlot.id, token: holdSlot.token, contact, consent: true } });
    }
    await widget.locator(`input[id="t-${chosen}"]`).waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => focusedText(page)).toMatch(/^p#error:Die gewählte Uhrzeit \d\d:\d\d ist gerade vergeben worden\./);
    const message = await widget.locator("#error").boundingBox();
    expect(message && message.y >= 0 && message.y + message.height <= 640).toBe(true);
    await expectAccessible(page, "step 2 at 360 px (chosen time taken)");
    expect(errors).toEqual([]);
  });
});
