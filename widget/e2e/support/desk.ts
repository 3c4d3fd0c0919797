/**
 * Helpers for the staff desk's browser tests: axe on the desk element, keyboard input that
 * counts key presses, and what has focus inside the desk's shadow roots.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { AXE_TAGS, focusedText } from "./stack.ts";

/** Fails with a readable list when axe finds any WCAG 2.x A/AA (and 2.2 AA) violation in the desk. */
export async function expectDeskAccessible(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include("terminvergabe-desk").withTags(AXE_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  console.log(`axe desk ${state}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
  if (result.violations.length) throw new Error(`axe violations in desk "${state}":\n${summary.join("\n")}`);
}

/** A keyboard that counts every key it presses (a typed character is one press). */
export class CountingKeyboard {
  presses = 0;
  constructor(private readonly page: Page) {}

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.presses++;
      await this.page.keyboard.press(key);
    }
  }

  async type(text: string): Promise<void> {
    this.presses += text.length;
    await this.page.keyboard.type(text);
  }

  /** Presses Tab (or Shift+Tab) until what has focus matches. */
  async tabTo(target: RegExp, options: { back?: boolean; max?: number } = {}): Promise<string> {
    for (let i = 0; i < (options.max ?? 40); i++) {
      await this.press(options.back ? "Shift+Tab" : "Tab");
      const focused = await focusedText(this.page);
      if (target.test(focused)) return focused;
    }
    throw new Error(`Tab never reached ${target} (last: ${await focusedText(this.page)})`);
  }
}

/** Waits until what has focus matches (focus moves after a request). */
export async function waitForFocus(page: Page, target: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const focused = await focusedText(page);
    if (target.test(focused)) return focused;
    if (Date.now() > deadline) throw new Error(`focus never reached ${target} (last: ${focused})`);
    await page.waitForTimeout(100);
  }
}

/** GraphQL as a signed-in staff member's API client (bearer token), German answers. */
export async function staffGql<T = any>(gatewayUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "de", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}
