import ts from "typescript";
import type { Plugin } from "vite";

/**
 * Collapses whitespace that spans a line break inside template literals of the widget's
 * own sources (Lit `html`/`css`, GraphQL documents) to one space. Rendering is unchanged —
 * HTML and CSS treat such runs as one space — but the bundle loses its indentation.
 * Messages for @lit/localize are single-line, so their ids (hashes) stay the same.
 * `css` templates (no substitutions in this code base) are minified further.
 */
export function collapseTemplateWhitespace(code: string, fileName = "x.ts"): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const start = node.getStart(source);
      const raw = code.slice(start, node.end);
      const tag = ts.isTaggedTemplateExpression(node.parent) ? node.parent.tag.getText(source) : "";
      const collapsed =
        tag === "css"
          ? raw
              .replace(/\/\*[\s\S]*?\*\//g, "")
              .replace(/\s+/g, " ")
              .replace(/\s*([{};,])\s*/g, "$1")
              .replace(/:\s+/g, ":")
              .replace(/;}/g, "}")
              .replace(/^`\s+/, "`")
              .replace(/\s+`$/, "`")
          : raw.replace(/[ \t]*\n\s*/g, " ");
      if (collapsed !== raw) edits.push({ start, end: node.end, text: collapsed });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export function minifyTemplates(): Plugin {
  return {
    name: "terminvergabe:minify-templates",
    enforce: "pre",
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id)) return null;
      return { code: collapseTemplateWhitespace(code, id), map: null };
    },
  };
}
