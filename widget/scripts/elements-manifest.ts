/**
 * The custom elements manifest of the public elements (`<terminvergabe-booking>`,
 * `<terminvergabe-portal>`), made by @custom-elements-manifest/analyzer (with its Lit plugin)
 * from their JSDoc: `@attr`, `@fires`, `@csspart`, `@cssproperty`, `@slot`.
 *
 * `tsx scripts/elements-manifest.ts` writes dist/custom-elements.json (the build runs it; the
 * gateway serves it at /custom-elements.json); with `--readme` it also rewrites the README's
 * element reference from it (`npm run docs:elements -w @terminvergabe/widget`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { create, type Plugin, ts } from "@custom-elements-manifest/analyzer";
import { litPlugin } from "@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const README_FILE = `${ROOT}README.md`;
export const PUBLIC_ELEMENTS = ["src/components/booking/booking.component.ts", "src/portal/portal.component.ts"];
export const README_START = "<!-- custom-elements:start (generated from custom-elements.json: npm run docs:elements -w @terminvergabe/widget) -->";
export const README_END = "<!-- custom-elements:end -->";

interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  fieldName?: string;
  attribute?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
  default?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
  slots?: Item[];
}
export interface Manifest {
  schemaVersion: string;
  modules: { kind: string; path: string; declarations?: Declaration[] }[];
}

/**
 * Lit's internal reactive state (`static properties = { x: { state: true } }`) is no API: the
 * analyzer's Lit plugin lists it as attributes and properties, so this plugin takes it out.
 */
function litStateIsInternal(): Plugin {
  const state = new Set<string>();
  return {
    name: "lit-state-is-internal",
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node)) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== "properties") continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const p of member.initializer.properties) {
          if (ts.isPropertyAssignment(p) && /\bstate:\s*true\b/.test(p.initializer.getText())) state.add(p.name.getText());
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const d of (customElementsManifest as Manifest).modules.flatMap((m) => m.declarations ?? [])) {
        if (d.attributes) d.attributes = d.attributes.filter((a) => !state.has(a.fieldName ?? a.name));
        if (d.members) d.members = d.members.filter((m) => !state.has(m.name));
      }
    },
  };
}

export function elementsManifest(): Manifest {
  const modules = PUBLIC_ELEMENTS.map((file) =>
    ts.createSourceFile(file, readFileSync(ROOT + file, "utf8"), ts.ScriptTarget.ES2022, true),
  );
  return create({ modules, plugins: [...litPlugin(), litStateIsInternal()] }) as Manifest;
}

/** The public custom elements of a manifest, in the order of PUBLIC_ELEMENTS. */
export function elements(manifest: Manifest): Declaration[] {
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
}

const cell = (text: string | undefined) => (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");

function table(title: string, head: string[], rows: string[][]): string {
  if (!rows.length) return "";
  return [`**${title}**`, "", `| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`), ""].join("\n");
}

const code = (text: string | undefined) => (text ? `\`${text}\`` : "");

/** The README's element reference: one section per element, a table per kind of API. */
export function renderElementsMarkdown(manifest: Manifest): string {
  const sections = elements(manifest).map((el) => {
    const properties = (el.members ?? []).filter((m) => m.kind === "field" && !m.static && (m.privacy ?? "public") === "public");
    const typeOf = (field: string | undefined) => properties.find((p) => p.name === field)?.type?.text;
    return [
      `### \`<${el.tagName}>\`\n`,
      cell(el.description) + "\n",
      table("Attributes", ["Attribute", "Property", "Type", "Description"], (el.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(typeOf(a.fieldName)), a.description ?? ""])),
      table("Properties without an attribute", ["Property", "Type", "Description"], properties.filter((p) => !p.attribute).map((p) => [code(p.name), code(p.type?.text), p.description ?? ""])),
      table("Events", ["Event", "Description"], (el.events ?? []).map((e) => [code(e.name), e.description ?? ""])),
      table("CSS parts", ["Part", "Description"], (el.cssParts ?? []).map((p) => [code(p.name), p.description ?? ""])),
      table("CSS custom properties", ["Property", "Description"], (el.cssProperties ?? []).map((p) => [code(p.name), p.description ?? ""])),
      table("Slots", ["Slot", "Description"], (el.slots ?? []).map((s) => [code(s.name || "(default)"), s.description ?? ""])),
    ]
      .filter(Boolean)
      .join("\n");
  });
  return sections.join("\n").trimEnd() + "\n";
}

/** The README between the markers, or undefined when the markers are missing. */
export function readmeSection(readme: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  return start < 0 || end < start ? undefined : readme.slice(start + README_START.length + 1, end);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = elementsManifest();
  writeFileSync(`${ROOT}dist/custom-elements.json`, JSON.stringify(manifest, null, 2) + "\n");
  console.log("wrote dist/custom-elements.json");
  if (process.argv.includes("--readme")) {
    const readme = readFileSync(README_FILE, "utf8");
    const section = readmeSection(readme);
    if (section === undefined) throw new Error(`README.md lacks the markers ${README_START} … ${README_END}`);
    writeFileSync(README_FILE, readme.replace(README_START + "\n" + section, README_START + "\n" + renderElementsMarkdown(manifest)));
    console.log("updated README.md");
  }
}
