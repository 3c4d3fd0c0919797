import { html, nothing, type TemplateResult } from "lit";
import type { PortalHost } from "./host.ts";

/** A labelled input with its hint and error, wired for screen readers (aria-describedby). */
export function field(
  p: PortalHost,
  name: string,
  label: string,
  options: { type?: string; autocomplete?: string; hint?: string; value?: string } = {},
): TemplateResult {
  const error = p.fieldErrors[name];
  const described = [options.hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<p class="field">
    <label for=${name}>${label}</label>
    ${options.hint ? html`<span class="hint" id="${name}-hint">${options.hint}</span>` : nothing}
    <input
      id=${name}
      name=${name}
      part="input"
      type=${options.type ?? "text"}
      autocomplete=${options.autocomplete ?? "off"}
      .value=${options.value ?? ""}
      aria-invalid=${error ? "true" : "false"}
      aria-describedby=${described || nothing}
    />
    ${error ? html`<span class="error" id="${name}-error">${error}</span>` : nothing}
  </p>`;
}

/** The values of a submitted form, by name (checkbox groups as lists). */
export function formValues(event: Event): { get(name: string): string; all(name: string): string[] } {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  return { get: (name) => String(data.get(name) ?? "").trim(), all: (name) => data.getAll(name).map(String) };
}
