import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { CONCERNS, CREATE_CONCERN, UPDATE_CONCERN } from "../lib/documents.ts";
import { DeskEditView } from "../lib/desk-edit-view.ts";
import { isError } from "../lib/types.ts";

interface Text {
  de: string;
  en: string;
}
interface Concern {
  id: string;
  slug: string;
  active: boolean;
  onlineBookable: boolean;
  durationMinutes: number;
  maxQuantity: number;
  name: Text;
  category: Text;
  documents: Text[];
  hints: Text[];
}
type Result = { __typename: string; message?: string; field?: string | null } & Partial<Concern>;

/** Lines of two textareas as localized texts: German required, English by the same line. */
function texts(de: string, en: string): Text[] {
  const english = en.split("\n");
  return de
    .split("\n")
    .map((line, i) => ({ de: line.trim(), en: (english[i] ?? "").trim() }))
    .filter((t) => t.de);
}

/** Admins: the agency's concerns with documents to bring and hints, German and English. */
export class DeskConcerns extends DeskEditView {
  static override properties: PropertyDeclarations = { concerns: { state: true }, editing: { state: true } };

  declare concerns: Concern[] | undefined;
  /** The concern in the form; undefined: a new one. */
  declare editing: Concern | undefined;

  protected override async load(): Promise<void> {
    const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { concerns: Concern[] } }>(CONCERNS, { tenant: this.tenant.slug });
    this.concerns = tenantConfiguration.concerns;
  }

  private async edit(concern: Concern | undefined): Promise<void> {
    this.editing = concern;
    this.error = "";
    const form = this.renderRoot.querySelector("form");
    form?.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#c-name-de")?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const input = {
      name: { de: text("name-de"), en: text("name-en") || null },
      category: { de: text("category-de"), en: text("category-en") || null },
      durationMinutes: Number(text("duration")),
      maxQuantity: Number(text("max")),
      onlineBookable: data.get("online") === "on",
      documents: texts(text("documents-de"), text("documents-en")).map((t) => ({ de: t.de, en: t.en || null })),
      hints: texts(text("hints-de"), text("hints-en")).map((t) => ({ de: t.de, en: t.en || null })),
    };
    const editing = this.editing;
    const result = editing
      ? (await this.client.mutate<{ updateConcern: Result }>(UPDATE_CONCERN, { tenant: this.tenant.slug, id: editing.id, input })).updateConcern
      : (await this.client.mutate<{ createConcern: Result }>(CREATE_CONCERN, { tenant: this.tenant.slug, input: { ...input, slug: text("slug") } })).createConcern;
    if (isError(result as never)) {
      this.error = result.message ?? "";
      return;
    }
    const saved = result as Concern;
    this.concerns = editing ? this.concerns?.map((c) => (c.id === saved.id ? saved : c)) : [...(this.concerns ?? []), saved];
    this.announcement = msg(str`Anliegen gespeichert: ${saved.name.de}`);
    this.editing = undefined;
    form.reset();
  }

  override render() {
    const c = this.editing;
    const lines = (list: Text[] | undefined, key: keyof Text) => (list ?? []).map((t) => t[key]).join("\n");
    return html`
      <h2 tabindex="-1">${msg("Anliegen")}</h2>
      ${this.feedback()}
      ${this.concerns
        ? html`<table>
            <caption>${msg("Anliegen der Behörde")}</caption>
            <thead><tr><th scope="col">${msg("Name")}</th><th scope="col">${msg("Dauer")}</th><th scope="col">${msg("Online buchbar")}</th><th scope="col">${msg("Unterlagen")}</th><th scope="col">${msg("Aktionen")}</th></tr></thead>
            <tbody>${this.concerns.map(
              (x) => html`<tr><td>${x.name.de}<br /><span class="small" lang="en">${x.name.en}</span></td><td>${msg(str`${x.durationMinutes} Min.`)}</td>
                <td>${x.onlineBookable ? msg("ja") : msg("nur Telefon")}</td><td>${x.documents.length}</td>
                <td><button class="small" aria-label=${msg(str`${x.name.de} bearbeiten`)} @click=${() => this.edit(x)}>${msg("Bearbeiten")}</button></td></tr>`,
            )}</tbody>
          </table>`
        : html`<p>${msg("Wird geladen …")}</p>`}
      <form @submit=${this.save} aria-labelledby="concern-form-heading">
        <h3 id="concern-form-heading">${c ? msg(str`Bearbeiten: ${c.name.de}`) : msg("Neues Anliegen")}</h3>
        ${c ? nothing : html`<p class="field"><label for="c-slug">${msg("Kurzname in Adressen (a–z, 0–9, -)")}</label><input id="c-slug" name="slug" required pattern="[a-z0-9-]+" maxlength="64" /></p>`}
        <div class="row">
          <label>${msg("Name (Deutsch)")}<input id="c-name-de" name="name-de" required maxlength="200" .value=${c?.name.de ?? ""} /></label>
          <label>${msg("Name (Englisch)")}<input name="name-en" lang="en" maxlength="200" .value=${c?.name.en ?? ""} /></label>
        </div>
        <div class="row">
          <label>${msg("Bereich (Deutsch)")}<input name="category-de" required maxlength="200" .value=${c?.category.de ?? ""} /></label>
          <label>${msg("Bereich (Englisch)")}<input name="category-en" lang="en" maxlength="200" .value=${c?.category.en ?? ""} /></label>
        </div>
        <div class="row">
          <label>${msg("Dauer (Minuten)")}<input name="duration" type="number" min="5" max="480" required .value=${String(c?.durationMinutes ?? 15)} /></label>
          <label>${msg("Anzahl höchstens")}<input name="max" type="number" min="1" max="20" required .value=${String(c?.maxQuantity ?? 1)} /></label>
          <label class="check"><input type="checkbox" name="online" .checked=${c?.onlineBookable ?? true} /> ${msg("Online buchbar")}</label>
        </div>
        <div class="row">
          <label>${msg("Unterlagen (Deutsch, eine je Zeile)")}<textarea name="documents-de" rows="4" cols="40" .value=${lines(c?.documents, "de")}></textarea></label>
          <label>${msg("Unterlagen (Englisch, gleiche Zeile)")}<textarea name="documents-en" lang="en" rows="4" cols="40" .value=${lines(c?.documents, "en")}></textarea></label>
        </div>
        <div class="row">
          <label>${msg("Hinweise (Deutsch, einer je Zeile)")}<textarea name="hints-de" rows="3" cols="40" .value=${lines(c?.hints, "de")}></textarea></label>
          <label>${msg("Hinweise (Englisch, gleiche Zeile)")}<textarea name="hints-en" lang="en" rows="3" cols="40" .value=${lines(c?.hints, "en")}></textarea></label>
        </div>
        <div class="row">
          <button class="primary" type="submit">${msg("Anliegen speichern")}</button>
          ${c ? html`<button type="button" @click=${() => this.edit(undefined)}>${msg("Abbrechen")}</button>` : nothing}
        </div>
      </form>
    `;
  }
}

define("tv-desk-concerns", DeskConcerns);
