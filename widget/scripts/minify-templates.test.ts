import { describe, expect, it } from "vitest";
import { collapseTemplateWhitespace } from "./minify-templates.ts";

describe("template whitespace collapsing (build)", () => {
  it("collapses indentation in html and minifies css, leaving single-line messages alone", () => {
    const source = [
      "const a = html`<div>",
      "    <p>${x}</p>",
      "  </div>`;",
      "const b = css`",
      "  :host { display: block; }",
      "  .a, .b { color: red; }",
      "`;",
      'const c = msg(str`Noch  ${n} Minuten`);',
    ].join("\n");
    const out = collapseTemplateWhitespace(source);
    expect(out).toContain("html`<div> <p>${x}</p> </div>`");
    expect(out).toContain("css`:host{display:block}.a,.b{color:red}`");
    expect(out).toContain("str`Noch  ${n} Minuten`");
  });
});
