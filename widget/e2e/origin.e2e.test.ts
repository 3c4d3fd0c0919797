import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, it } from "vitest";
import { expectAccessible, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demoHost: false });
});
afterAll(async () => {
  await stack?.close();
});

describe("a snippet on an origin no tenant allows (issue 11.14)", () => {
  it("shows citizens that booking is unavailable and tells the editor which origin to add", async () => {
    // A local site on a port no demo tenant allows (a page on a public address may not reach a local gateway).
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Stadt</title>
        <script type="module" src="${stack.gatewayUrl}/widget.js"></script></head>
        <body><main><h1>Termine</h1><terminvergabe-booking tenant="demo-buergerbuero"></terminvergabe-booking></main></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await stack.newPage();
    await page.goto(`${site}/termine`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByText("Terminbuchung derzeit nicht verfügbar.").waitFor();
    await widget.getByText("Hinweis für die Redaktion dieser Website").click();
    await widget.getByText(`Bitte lassen Sie ${site} bei der Behörde als erlaubte Adresse eintragen.`).waitFor();
    await expectAccessible(page, "origin not allowed (editor's note open)");

    await page.locator("terminvergabe-booking").evaluate((b) => b.setAttribute("lang", "en"));
    await widget.getByText("Appointment booking is currently unavailable.").waitFor();
    const note = widget.getByText(`Please ask the agency to add ${site} as an allowed address.`);
    if (!(await note.isVisible())) await widget.getByText("Note for the editors of this website").click();
    await note.waitFor();
    server.close();
  });
});
