import { msg, str } from "@lit/localize";
import { css, html, nothing, type PropertyDeclarations } from "lit";
import { styleMap } from "lit/directives/style-map.js";
// The core's rule itself (a dependency-free module), so the live check and the gateway agree.
import { isHexColor, THEME_DEFAULTS, THEME_FONTS, THEME_RADIUS_MAX_PX, THEME_TOKENS, type ThemeContrast, themeContrasts } from "../../../../packages/core/src/staff/theme.ts";
import { define } from "../../lib/define.ts";
import { THEME_QUERY, UPDATE_THEME } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";

type Theme = Record<string, string>;

const COLOURS = [THEME_TOKENS.primary, THEME_TOKENS.onPrimary, THEME_TOKENS.text, THEME_TOKENS.background] as const;
const DEFAULT_RADIUS = 4;

function colourLabel(token: string): string {
  switch (token) {
    case THEME_TOKENS.primary:
      return msg("Hauptfarbe (Schaltflächen, gewählte Zeit)");
    case THEME_TOKENS.onPrimary:
      return msg("Schrift auf der Hauptfarbe");
    case THEME_TOKENS.text:
      return msg("Textfarbe");
    default:
      return msg("Hintergrund");
  }
}

function pairLabel(c: ThemeContrast): string {
  return c.pair === "TEXT_ON_PRIMARY" ? msg("Schrift auf der Hauptfarbe") : msg("Text auf dem Hintergrund");
}

const ratio = (n: number) => n.toLocaleString(document.documentElement.lang || "de", { maximumFractionDigits: 2 });
const entries = (theme: Theme) => Object.entries(theme).map(([name, value]) => ({ name, value }));

/**
 * Admins: the agency's look in the booking widget (and its manage page and mails) — the
 * primary colour, text on it, text and background colours, font and corner radius — with a
 * live preview and the contrast check (WCAG 1.4.3, at least 4.5:1). The gateway decides:
 * a theme it refuses is shown with its message and nothing is saved.
 */
export class DeskThemeEditor extends DeskView {
  static override styles = [
    ...DeskView.styles,
    css`
      .colours {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
        gap: 0.75em 1.5em;
      }
      .pick {
        display: flex;
        gap: 0.5em;
        align-items: center;
      }
      .pick input[type="text"] {
        width: 8em;
        font-family: ui-monospace, monospace;
      }
      .pick input[type="color"] {
        width: 2.75em;
        height: 2.75em;
        padding: 0.15em;
      }
      .preview {
        border: 1px solid var(--_tv-border-strong);
        padding: 1em;
        max-width: 28em;
        margin: 0 0 1em;
        background: var(--p-surface);
        color: var(--p-text);
        font-family: var(--p-font, inherit);
        border-radius: var(--p-radius);
      }
      .preview .sample-heading {
        font-weight: 700;
        font-size: 1.15em;
        margin: 0 0 0.5em;
      }
      .preview .times {
        display: flex;
        gap: 0.5em;
        flex-wrap: wrap;
        margin: 0 0 0.75em;
      }
      .preview .time {
        display: inline-block;
        padding: 0.35em 0.75em;
        border: 1px solid var(--p-text);
        border-radius: var(--p-radius);
      }
      .preview .chosen,
      .preview .next {
        background: var(--p-primary);
        color: var(--p-on-primary);
        border-color: var(--p-primary);
      }
      .preview .next {
        display: inline-block;
        padding: 0.5em 1em;
        font-weight: 600;
        border-radius: var(--p-radius);
      }
      .check li {
        margin: 0 0 0.25em;
      }
      .fails {
        color: var(--_tv-error);
        font-weight: 600;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    saved: { state: true },
    draft: { state: true },
    error: { state: true },
    problem: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  /** The theme as stored (tokens this editor does not offer are kept as they are). */
  declare saved: Theme | undefined;
  /** The editor's values, by token; empty: the widget's default. */
  declare draft: Theme;
  declare error: string;
  /** The token an InputError names, or the pair a contrast refusal names (its foreground). */
  declare problem: string;
  declare announcement: string;
  declare busy: boolean;

  constructor() {
    super();
    this.draft = {};
    this.error = "";
    this.problem = "";
    this.announcement = "";
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { tenantConfiguration } = await this.client.query(THEME_QUERY, { tenant: this.tenant.slug });
      this.adopt(tenantConfiguration.settings.theme);
    } catch {
      this.error = msg("Das Erscheinungsbild konnte nicht geladen werden.");
    }
  }

  private adopt(theme: { name: string; value: string }[]): void {
    this.saved = Object.fromEntries(theme.map((e) => [e.name, e.value]));
    this.draft = { ...this.saved };
  }

  /** The draft as the widget would show it: valid colours only, defaults for the rest. */
  private shown(): Theme {
    const out: Theme = { ...THEME_DEFAULTS };
    for (const token of COLOURS) if (isHexColor(this.draft[token] ?? "")) out[token] = this.draft[token]!.toLowerCase();
    return out;
  }

  private set(token: string, value: string): void {
    const draft = { ...this.draft };
    if (value.trim()) draft[token] = value.trim();
    else delete draft[token];
    this.draft = draft;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.busy = true;
    try {
      const { updateTheme } = await this.client.mutate(UPDATE_THEME, { tenant: this.tenant.slug, theme: entries(this.draft) });
      if (updateTheme.__typename === "TenantSettings") {
        this.adopt(updateTheme.theme);
        this.error = "";
        this.problem = "";
        this.announcement = msg("Erscheinungsbild gespeichert. Das Buchungsformular zeigt es ab sofort.");
        return;
      }
      this.error = updateTheme.message;
      this.problem =
        updateTheme.__typename === "ThemeContrastTooLow"
          ? updateTheme.pair === "TEXT_ON_PRIMARY" ? THEME_TOKENS.primary : THEME_TOKENS.text
          : "field" in updateTheme ? (updateTheme.field ?? "").replace(/^theme\./, "") : "";
      this.announcement = "";
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    } catch {
      this.error = msg("Die Verbindung zum Server ist fehlgeschlagen. Bitte versuchen Sie es erneut.");
    } finally {
      this.busy = false;
    }
  }

  private colourField(token: string, shown: Theme) {
    const id = `theme${token.slice(4)}`;
    const invalid = this.problem === token;
    return html`<p class="field"><label for=${id}>${colourLabel(token)}</label>
      <span class="pick">
        <input id=${id} type="text" inputmode="text" maxlength="7" spellcheck="false" autocomplete="off" placeholder=${THEME_DEFAULTS[token]!}
          .value=${this.draft[token] ?? ""} @input=${(e: Event) => this.set(token, (e.target as HTMLInputElement).value)}
          aria-invalid=${invalid ? "true" : "false"} aria-describedby=${invalid ? "theme-error" : "theme-format"} />
        <input type="color" aria-label=${msg(str`${colourLabel(token)}: Farbwähler`)} .value=${shown[token]!}
          @input=${(e: Event) => this.set(token, (e.target as HTMLInputElement).value)} />
      </span></p>`;
  }

  private preview(shown: Theme) {
    const radius = this.draft[THEME_TOKENS.radius] ?? `${DEFAULT_RADIUS}px`;
    const vars = {
      "--p-primary": shown[THEME_TOKENS.primary]!,
      "--p-on-primary": shown[THEME_TOKENS.onPrimary]!,
      "--p-text": shown[THEME_TOKENS.text]!,
      "--p-surface": shown[THEME_TOKENS.background]!,
      "--p-font": this.draft[THEME_TOKENS.fontFamily] ?? "inherit",
      "--p-radius": /^\d{1,2}px$/.test(radius) ? radius : `${DEFAULT_RADIUS}px`,
    };
    return html`<figure class="preview" style=${styleMap(vars)} aria-labelledby="preview-caption">
      <figcaption id="preview-caption" class="vh">${msg("Vorschau des Buchungsformulars")}</figcaption>
      <p class="sample-heading">${msg("Termin wählen")}</p>
      <p>${msg("Freie Zeiten am Dienstag:")}</p>
      <p class="times"><span class="time">09:00</span><span class="time chosen">09:30 ✓</span><span class="time">10:00</span></p>
      <span class="next">${msg("Weiter")}</span>
    </figure>`;
  }

  private contrastCheck(shown: Theme) {
    return html`<ul class="check" aria-labelledby="check-heading">
      ${themeContrasts(shown).map(
        (c) => html`<li class=${c.passes ? "ok" : "fails"}>${pairLabel(c)} (${c.foreground} / ${c.background}):
          ${c.passes
            ? msg(str`${ratio(c.ratio)}:1 – ausreichend`)
            : msg(str`${ratio(c.ratio)}:1 – zu gering, mindestens 4,5:1 nötig`)}</li>`,
      )}
    </ul>`;
  }

  override render() {
    if (!this.saved) {
      return html`<h3 id="theme-heading">${msg("Erscheinungsbild im Buchungsformular")}</h3>
        <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        ${this.error ? nothing : html`<p>${msg("Wird geladen …")}</p>`}`;
    }
    const shown = this.shown();
    const font = this.draft[THEME_TOKENS.fontFamily] ?? "";
    const radius = this.draft[THEME_TOKENS.radius]?.replace(/px$/, "") ?? "";
    return html`
      <h3 id="theme-heading">${msg("Erscheinungsbild im Buchungsformular")}</h3>
      <form @submit=${this.save} aria-labelledby="theme-heading">
        <p id="theme-format">${msg("Farben als Hex-Wert #rrggbb; leer lassen für die Voreinstellung.")}</p>
        <div class="colours">${COLOURS.map((token) => this.colourField(token, shown))}</div>
        <div class="row">
          <label for="theme-font">${msg("Schriftart")}
            <select id="theme-font" aria-invalid=${this.problem === THEME_TOKENS.fontFamily ? "true" : "false"}
              @change=${(e: Event) => this.set(THEME_TOKENS.fontFamily, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!font}>${msg("Schrift der Website (Voreinstellung)")}</option>
              ${THEME_FONTS.map((f) => html`<option value=${f} ?selected=${f === font}>${f}</option>`)}
            </select>
          </label>
          <label for="theme-radius">${msg(str`Eckenradius in Pixeln (0 bis ${THEME_RADIUS_MAX_PX})`)}
            <input id="theme-radius" type="number" min="0" max=${THEME_RADIUS_MAX_PX} step="1" placeholder=${String(DEFAULT_RADIUS)} .value=${radius}
              aria-invalid=${this.problem === THEME_TOKENS.radius ? "true" : "false"}
              @input=${(e: Event) => {
                const v = (e.target as HTMLInputElement).value;
                this.set(THEME_TOKENS.radius, v === "" ? "" : `${v}px`);
              }} />
          </label>
        </div>
        <h4>${msg("Vorschau")}</h4>
        ${this.preview(shown)}
        <h4 id="check-heading">${msg("Kontrastprüfung (WCAG 1.4.3: mindestens 4,5:1)")}</h4>
        ${this.contrastCheck(shown)}
        <div role="alert" id="theme-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        <div role="status" class="vh">${this.announcement}</div>
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${msg("Erscheinungsbild speichern")}</button></p>
      </form>
    `;
  }
}

define("tv-desk-theme-editor", DeskThemeEditor);

declare global {
  interface HTMLElementTagNameMap {
    "tv-desk-theme-editor": DeskThemeEditor;
  }
}
