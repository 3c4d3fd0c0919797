import { ContextProvider } from "@lit/context";
import { msg, str, updateWhenLocaleChanges } from "@lit/localize";
import { Task, TaskStatus } from "@lit/task";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { createApi, ENTER_WAITING_ROOM, request, RELEASE_HOLD, TENANT, WAITING_ROOM, WAITING_ROOM_STATUS, type Api } from "../../lib/api.ts";
import { apiContext } from "../../lib/context.ts";
import { emit } from "../../lib/events.ts";
import { getLocale, resolveLocale, setLocale, type Locale } from "../../lib/localization.ts";
import type { OverloadState } from "../../lib/overload.ts";
import { defaultEndpoint } from "../../lib/script-url.ts";
import type { ApiError, Confirmation, Contact, Hold, RequestItem, Selection, Slot, Tenant, WaitingRoom, WaitingRoomStatus, WaitingRoomTicket } from "../../lib/types.ts";
import { loadTicket, roomState, saveTicket, type RoomState } from "../../lib/waiting-room.ts";
import { themeVariables } from "../../lib/theme.ts";
import { shared } from "../../styles/shared.styles.ts";
import { bookingStyles } from "./booking.styles.ts";

export type Step = "concerns" | "datetime" | "contact" | "review" | "done" | "manage";

/** A step element: moves focus to its heading when it becomes the current step. */
interface StepElement extends HTMLElement {
  focusHeading(): void;
}

class TenantNotFound extends Error {}
/** The page's origin may not embed this tenant's booking (the API refuses it). */
class OriginNotAllowed extends Error {}

/** The wizard's steps in order; each is an entry in the browser's history. */
const WIZARD: Step[] = ["concerns", "datetime", "contact", "review"];

/** What a reload restores: kept in this tab's session storage only, never in the URL. */
interface Saved {
  step: Step;
  officeId?: string | undefined;
  items: RequestItem[];
  slot?: Slot | undefined;
  hold?: Hold | undefined;
  contact?: (Contact & { consent: boolean }) | undefined;
}

/** Session storage may be unavailable (privacy settings): then nothing is kept. */
function store(key: string, value?: Saved): Saved | undefined {
  try {
    if (value === undefined) return JSON.parse(sessionStorage.getItem(key) ?? "null") ?? undefined;
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // not kept
  }
  return undefined;
}

/** The manage link of the mail: `…#ref=K7QF-M2XA&token=…[&action=verify]` (never sent to servers). */
const linkParams = (): URLSearchParams => new URLSearchParams(location.hash.slice(1));

/**
 * Online appointment booking for one agency: a four-step wizard (concerns, day and time,
 * contact, review) and the manage view for an existing booking.
 *
 * @tagname terminvergabe-booking
 * @summary `<terminvergabe-booking tenant="demo-buergerbuero" office="rathaus" lang="de">`
 *
 * @attr tenant - The agency's slug (required).
 * @attr office - Slug or id of the office; without it, citizens choose when there are several.
 * @attr lang - `de` (default) or `en`; falls back to the nearest `lang` on the page.
 * @attr api - GraphQL endpoint; defaults to `/graphql` next to the widget script.
 * @attr mode - `manage`: show the booking named by the page's URL fragment
 *   (`#ref=…&token=…[&action=verify]`, the confirmation mail's link, served by the gateway at
 *   `/manage/<tenant>`) instead of the wizard.
 * @attr reference - With `token`: show the manage view of this booking.
 * @attr token - With `reference`: the booking's manage token (from the confirmation mail).
 *
 * @fires terminvergabe-ready - Step 1 can be used.
 * @fires terminvergabe-step-change - The wizard moved to another step (`detail.step`).
 * @fires terminvergabe-booked - A booking is confirmed (`detail.reference`, `detail.start`).
 * @fires terminvergabe-booking-changed - A booking was cancelled or moved in the manage view.
 *
 * @csspart base - The wizard's container.
 * @csspart steps - The list of steps (progress).
 * @csspart step - Each step's container (exported from the step elements).
 * @csspart heading - Each step's heading.
 * @csspart button - Every button.
 * @csspart button-primary - The main action of a step (next, book).
 * @csspart calendar - The month grid.
 * @csspart day - A day in the month grid.
 * @csspart time - A free time in the time list.
 * @csspart input - Text inputs of the contact form.
 *
 * @cssproperty --tv-color-primary - Buttons, selection, accents (tenant theme or #0b57a4).
 * @cssproperty --tv-color-on-primary - Text on primary (tenant theme or #fff).
 * @cssproperty --tv-color-focus - Focus outline (tenant theme or #1a1a1a).
 * @cssproperty --tv-color-text - Text colour (#1a1a1a).
 * @cssproperty --tv-color-text-muted - Secondary text (#4d4d4d).
 * @cssproperty --tv-color-surface - Background (#fff).
 * @cssproperty --tv-color-muted - Background of notices (#f3f4f6).
 * @cssproperty --tv-color-border - Borders (#c4c7cc).
 * @cssproperty --tv-color-border-strong - Input borders (#6b6f76).
 * @cssproperty --tv-color-error - Errors (#b3261e).
 * @cssproperty --tv-color-link - Links (primary).
 * @cssproperty --tv-color-available - Days with free times; also -text and -border variants.
 * @cssproperty --tv-color-full - Fully booked days; also a -text variant.
 * @cssproperty --tv-color-closed - Closed days; also a -text variant.
 * @cssproperty --tv-color-walk-in - Days with walk-in hours only; also a -text variant.
 * @cssproperty --tv-radius - Corner radius (tenant theme or 4px).
 * @cssproperty --tv-max-width - Maximum width of the widget (48rem).
 */
export class TerminvergabeBooking extends LitElement {
  static override styles = [shared, bookingStyles];
  static override properties = {
    tenant: { reflect: true },
    office: {},
    mode: {},
    lang: {},
    api: {},
    reference: {},
    token: {},
    step: { state: true },
    announcement: { state: true },
    alert: { state: true },
    overload: { state: true },
  };

  declare tenant: string;
  declare office: string;
  declare mode: string;
  declare lang: string;
  declare api: string;
  declare reference: string;
  declare token: string;
  declare step: Step;
  declare announcement: string;
  declare alert: string;
  /** Requests wait out an overloaded gateway (retrying, or stalled until the citizen retries). */
  declare overload: OverloadState;

  #connection?: Api;
  readonly #provider = new ContextProvider(this, { context: apiContext });
  #officeId?: string;
  #items: RequestItem[] = [];
  #slot?: Slot;
  #hold?: Hold;
  #contact?: Contact & { consent: boolean };
  #contactErrors: Record<string, string> = {};
  #notice = "";
  #confirmation?: Confirmation;
  #ready = false;
  #action = "";
  // The announced release's waiting room (lib/waiting-room.ts), read with the tenant.
  #roomOf?: Tenant;
  #room?: WaitingRoom | null;
  #ticket?: WaitingRoomTicket;
  #notBefore = 0;
  #roomBusy = false;
  #roomFailed = false;
  #gated = false;
  #hadFocus = false;

  readonly #tenantTask = new Task(this, {
    args: () => [this.#connection, this.tenant, this.locale] as const,
    task: async ([api, slug], { signal }) => {
      if (!api || !slug) throw new TenantNotFound();
      const data = await request<{ tenant: Tenant | null }>(api.client, TENANT, { slug }, { signal }).catch(async (error) => {
        // CORS hides why the API refused: ask the gateway whether this origin is the reason.
        const check = await fetch(`${api.base}widget/embed-check?tenant=${encodeURIComponent(slug)}`, { signal })
          .then((r) => r.json() as Promise<{ known: boolean; allowed: boolean }>)
          .catch(() => undefined);
        throw check?.known && !check.allowed ? new OriginNotAllowed() : error;
      });
      if (!data.tenant) throw new TenantNotFound();
      return data.tenant;
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.tenant = "";
    this.office = "";
    this.mode = "";
    this.lang = "";
    this.api = "";
    this.reference = "";
    this.token = "";
    this.step = "concerns";
    this.announcement = "";
    this.alert = "";
    this.overload = "";
  }

  /** The locale the widget speaks: its `lang`, the nearest `lang` on the page, or German. */
  get locale(): Locale {
    return resolveLocale(this.lang || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connect();
    if (this.mode === "manage" && !this.token) {
      const params = linkParams();
      this.reference = params.get("ref") ?? "";
      this.token = params.get("token") ?? "";
      this.#action = params.get("action") ?? "";
    }
    if (this.mode === "manage" || (this.reference && this.token)) this.step = "manage";
    else this.#restore();
    addEventListener("popstate", this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("popstate", this.#onPopState);
    this.#releaseHold();
    this.#connection?.dispose();
    this.#connection = undefined;
  }

  #connect(): void {
    this.#connection?.dispose();
    this.overload = "";
    this.#connection = createApi(this.api || defaultEndpoint(), () => this.locale, { onState: (state) => (this.overload = state) });
    this.#provider.setValue(this.#connection);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("api") && changed.get("api") !== undefined) this.#connect();
    if (this.locale !== getLocale()) void setLocale(this.locale);
    this.#hadFocus = this.matches(":focus-within");
  }

  protected override updated(changed: PropertyValues<this>): void {
    const base = this.renderRoot.querySelector<HTMLElement>(".base")!;
    for (const [name, value] of Object.entries(themeVariables(this.#tenantTask.value?.theme ?? []))) base.style.setProperty(name, value);
    const gated = this.#roomGate(this.#room$());
    if (gated !== this.#gated) {
      this.#gated = gated;
      // The step or the waiting room replaced the other: focus follows if it was in there.
      if (!gated && this.#ticket) this.#announce(msg("Sie sind an der Reihe. Bitte wählen Sie jetzt Ihren Termin."));
      if (this.#hadFocus) (this.renderRoot.querySelector("[data-step], terminvergabe-waiting-room") as StepElement | null)?.focusHeading();
    }
    void this.#roomAct();
    if (changed.has("step") && changed.get("step") !== undefined) {
      emit(this, "terminvergabe-step-change", { step: this.step });
      // Only on a change of step: moving focus on page load would steal it from the host page.
      (this.renderRoot.querySelector("[data-step]") as StepElement | null)?.focusHeading();
    }
    if (!this.#ready && this.#tenantTask.status === TaskStatus.COMPLETE) {
      this.#ready = true;
      // After the steps' own first render, so listeners find step 1 usable.
      const current = this.renderRoot.querySelector("[data-step]") as (StepElement & { updateComplete?: Promise<unknown> }) | null;
      void Promise.resolve(current?.updateComplete).then(() => emit(this, "terminvergabe-ready", { tenant: this.tenant }));
    }
  }

  /** `push`: a new entry in the browser's history, so that Back returns to this step's predecessor. */
  #go(step: Step, notice = "", push = false): void {
    this.#notice = notice;
    this.step = step;
    if (WIZARD.includes(step) && step !== this.#entryStep()) history[push ? "pushState" : "replaceState"]({ ...history.state, tv: step }, "");
    this.#save();
    this.requestUpdate();
  }

  get #key(): string {
    return `tv-wizard:${this.tenant}`;
  }

  #entryStep(): Step {
    return (history.state?.tv as Step | undefined) ?? "concerns";
  }

  #save(): void {
    if (!WIZARD.includes(this.step)) {
      try {
        sessionStorage.removeItem(this.#key);
      } catch {
        // nothing kept
      }
      return;
    }
    store(this.#key, { step: this.step, officeId: this.#officeId, items: this.#items, slot: this.#slot, hold: this.#hold, contact: this.#contact });
  }

  /** After a reload: the wizard as it was, with its hold while that lasts. */
  #restore(): void {
    const saved = store(this.#key);
    if (!saved?.items?.length) return;
    this.#officeId = saved.officeId;
    this.#items = saved.items;
    this.#slot = saved.slot;
    this.#contact = saved.contact;
    const held = saved.hold && Date.parse(saved.hold.expiresAt) > Date.now() + 5000 ? saved.hold : undefined;
    this.#hold = held;
    this.step = held && (saved.step === "contact" || (saved.step === "review" && saved.contact)) ? saved.step : "datetime";
    history.replaceState({ ...history.state, tv: this.step }, "");
  }

  /** One step back; from the contact step the held time is given back. */
  #back(): void {
    const draft = (this.renderRoot.querySelector("terminvergabe-step-contact") as { draft?: Contact & { consent: boolean } } | null)?.draft;
    if (draft) this.#contact = draft;
    if (this.step === "datetime") this.#go("concerns");
    else if (this.step === "contact") {
      this.#releaseHold();
      this.#go("datetime");
    } else if (this.step === "review") this.#go("contact");
  }

  /** The browser's Back and Forward move through the wizard's steps. */
  #onPopState = (): void => {
    if (!WIZARD.includes(this.step)) return;
    const target = this.#entryStep();
    const from = WIZARD.indexOf(this.step);
    const to = WIZARD.indexOf(target);
    if (to < from) {
      while (WIZARD.indexOf(this.step) > to) this.#back();
    } else if (to > from) {
      const reachable = target === "datetime" ? this.#items.length > 0 : target === "contact" ? !!this.#hold : !!(this.#hold && this.#contact);
      if (reachable) this.#go(target);
      else history.replaceState({ ...history.state, tv: this.step }, "");
    }
  };

  #announce(message: string, assertive = false): void {
    // Clear first so the same text is announced again.
    if (assertive) this.alert = "";
    else this.announcement = "";
    requestAnimationFrame(() => {
      if (assertive) this.alert = message;
      else this.announcement = message;
    });
  }

  #releaseHold(): void {
    const hold = this.#hold;
    this.#hold = undefined;
    if (hold && this.#connection) {
      request(this.#connection.client, RELEASE_HOLD, { input: { holdId: hold.id, token: hold.token } }, { mutation: true }).catch(
        () => undefined, // it expires on its own
      );
    }
  }

  #memo?: { office: Tenant["offices"][number]; items: RequestItem[]; selection: Selection };

  /** The chosen office and concerns; the same object until they change (steps key tasks on it). */
  #selection(tenant: Tenant): Selection | undefined {
    const office = tenant.offices.find((o) => o.id === this.#officeId);
    if (!office || !this.#items.length) return undefined;
    if (this.#memo?.office !== office || this.#memo.items !== this.#items) {
      this.#memo = { office, items: this.#items, selection: { office, items: this.#items } };
    }
    return this.#memo.selection;
  }

  // ── the waiting room of an announced release ────────────────────────────────────────────

  /** The room's state now; the tenant's room is taken over once per loaded tenant. */
  #room$(): RoomState {
    const tenant = this.#tenantTask.value;
    if (!tenant || this.step === "manage") return { kind: "free" };
    if (this.#roomOf !== tenant) {
      this.#roomOf = tenant;
      this.#room = tenant.waitingRoom;
      this.#ticket = this.#room ? loadTicket(tenant.slug, this.#room.releaseAt) : undefined;
    }
    return roomState(this.#room, this.#ticket, Date.now(), this.#notBefore);
  }

  /** Whether the waiting room stands in place of the step: before a time is held, while the room is open. */
  #roomGate(state: RoomState): boolean {
    return (this.step === "concerns" || this.step === "datetime") && state.kind !== "free" && this.#room?.phase !== "UPCOMING";
  }

  /** Asks the gateway when the room needs it: whether it opened, or for a ticket. */
  async #roomAct(): Promise<void> {
    const api = this.#connection;
    const slug = this.tenant;
    if (this.#roomBusy || !api || this.#room$().kind !== "due") return;
    this.#roomBusy = true;
    const entered = !this.#ticket;
    // Whatever the answer, not again within 5 s (unless the gateway says when).
    this.#notBefore = Date.now() + 5000;
    try {
      if (this.#room!.phase === "UPCOMING") {
        const data = await request<{ tenant: Pick<Tenant, "waitingRoom"> | null }>(api.client, WAITING_ROOM, { slug });
        this.#room = data.tenant?.waitingRoom;
      } else if (this.#ticket) {
        // Where the ticket stands: the gateway says when to ask again.
        const { waitingRoomStatus: status } = await request<{ waitingRoomStatus: WaitingRoomStatus | ApiError }>(
          api.client, WAITING_ROOM_STATUS, { tenant: slug, ticket: this.#ticket.ticket },
        );
        if ("state" in status) this.#roomAnswer(slug, this.#ticket, status);
        else if (status.code === "NO_WAITING_ROOM") this.#room = null;
        else this.#keepTicket(slug); // unknown ticket: enter again
      } else {
        const { enterWaitingRoom: entry } = await request<{ enterWaitingRoom: (WaitingRoomTicket & Omit<WaitingRoomStatus, "state"> & { __typename: string }) | ApiError }>(
          api.client, ENTER_WAITING_ROOM, { tenant: slug }, { mutation: true },
        );
        if ("ticket" in entry) {
          this.#room = { ...this.#room!, releaseAt: entry.releaseAt };
          this.#roomAnswer(slug, entry, { ...entry, state: "WAITING" });
        } else if (entry.code === "NO_WAITING_ROOM") this.#room = null;
        else if (entry.code === "RELEASE_SOLD_OUT") this.#room = { ...this.#room!, soldOut: true };
        // WAITING_ROOM_NOT_OPEN (this clock runs ahead): ask again after the pause.
      }
      this.#roomFailed = false;
    } catch {
      this.#roomFailed = true;
    } finally {
      this.#roomBusy = false;
    }
    if (this.#room?.soldOut) this.#announce(msg("Alle Termine dieser Freigabe sind vergeben"));
    else if (entered && this.#ticket && this.#room$().kind === "waiting") {
      // Once, on entering: the countdown itself is not read out.
      this.#announce(msg("Sie sind im Warteraum. Die Reihenfolge wird ausgelost – wann Sie gekommen sind, spielt keine Rolle."));
    }
    this.requestUpdate();
  }

  /** Takes over what the gateway said about the ticket: sold out, or its time and the next poll. */
  #roomAnswer(slug: string, ticket: WaitingRoomTicket, status: WaitingRoomStatus): void {
    if (status.state === "SOLD_OUT") {
      this.#room = { ...this.#room!, soldOut: true, nextReleaseAt: status.nextReleaseAt ?? this.#room?.nextReleaseAt ?? null };
      return;
    }
    const wait = status.state === "WAITING" ? status.pollAfterSeconds : null;
    this.#keepTicket(slug, {
      ticket: ticket.ticket,
      releaseAt: ticket.releaseAt,
      admitAt: status.admitAt ?? ticket.admitAt,
      admitAtFinal: status.admitAtFinal,
      ...(wait != null ? { pollAt: Date.now() + wait * 1000 } : {}),
    });
    this.#notBefore = 0;
  }

  #keepTicket(slug: string, ticket?: WaitingRoomTicket): void {
    this.#ticket = ticket;
    saveTicket(slug, ticket);
  }

  /** holdSlot answered WaitingRoomRequired: wait for the admission time, or enter the room. */
  #onRoomRequired(error: ApiError): void {
    const now = Date.now();
    this.#room = { opensAt: error.releaseAt!, ...this.#room, releaseAt: error.releaseAt!, phase: "WAITING" };
    if (error.code === "NOT_YET_ADMITTED" && this.#ticket) {
      // The gateway's clock decides; at least 2 s, so a clock that runs ahead cannot loop.
      this.#notBefore = Math.max(Date.parse(error.admitAt!), now + 2000);
    } else {
      this.#ticket = undefined;
      this.#notBefore = 0;
      saveTicket(this.tenant);
    }
    this.requestUpdate();
  }

  // ── events from the steps ──────────────────────────────────────────────────────────────

  #onEvent = (event: Event): void => {
    const detail = (event as CustomEvent).detail;
    switch (event.type) {
      case "tv-announce":
        this.#announce(detail.message, detail.assertive);
        break;
      case "tv-concerns":
        this.#officeId = detail.officeId;
        this.#items = detail.items;
        this.#go("datetime", "", true);
        break;
      case "tv-held":
        this.#slot = detail.slot;
        this.#hold = detail.hold;
        this.#go("contact", "", true);
        break;
      case "tv-hold-changed":
        this.#hold = detail.hold;
        this.#save();
        this.requestUpdate();
        break;
      case "tv-hold-expired":
        this.#hold = undefined;
        this.#go("datetime", msg("Ihre Reservierung ist abgelaufen. Bitte wählen Sie erneut eine Uhrzeit."));
        break;
      case "tv-contact":
        this.#contact = detail.contact;
        this.#contactErrors = {};
        this.#go("review", "", true);
        break;
      case "tv-contact-rejected":
        this.#contactErrors = { [detail.field]: detail.message };
        this.#go("contact");
        break;
      case "tv-slot-taken":
        this.#releaseHold();
        this.#go("datetime", detail.message);
        break;
      case "tv-booked":
        this.#confirmation = detail.confirmation;
        this.#hold = undefined;
        this.#go("done");
        emit(this, "terminvergabe-booked", {
          reference: this.#confirmation!.booking.reference,
          start: this.#confirmation!.booking.start,
          verificationRequired: this.#confirmation!.verificationRequired,
        });
        break;
      case "tv-back":
        // Like the browser's Back when this step has its history entry, so both stay in step.
        if (this.#entryStep() === this.step && this.step !== "concerns") history.back();
        else this.#back();
        break;
      case "tv-waiting-room":
        this.#onRoomRequired(detail);
        break;
      case "tv-room-due":
        this.requestUpdate();
        break;
      case "tv-restart":
        if (this.step === "manage") {
          // From the manage view to a new booking: the link's token leaves the address bar.
          history.replaceState(history.state, "", location.pathname + location.search);
          this.reference = this.token = "";
        }
        this.#items = [];
        this.#slot = undefined;
        this.#contact = undefined;
        this.#confirmation = undefined;
        this.#go("concerns");
        break;
      default:
        return;
    }
    event.stopPropagation();
  };

  static readonly #EVENTS = [
    "tv-announce", "tv-concerns", "tv-held", "tv-hold-changed", "tv-hold-expired", "tv-contact",
    "tv-contact-rejected", "tv-slot-taken", "tv-booked", "tv-back", "tv-restart", "tv-waiting-room", "tv-room-due",
  ];

  protected override firstUpdated(): void {
    const base = this.renderRoot.querySelector(".base")!;
    for (const type of TerminvergabeBooking.#EVENTS) base.addEventListener(type, this.#onEvent);
  }

  // ── rendering ───────────────────────────────────────────────────────────────────────────

  #renderSteps() {
    const steps: [Step, string][] = [
      ["concerns", msg("Anliegen")],
      ["datetime", msg("Tag und Uhrzeit")],
      ["contact", msg("Kontaktdaten")],
      ["review", msg("Prüfen und buchen")],
    ];
    const current = steps.findIndex(([s]) => s === this.step);
    const done = this.step === "done";
    return html`<ol class="steps" part="steps" aria-label=${msg("Fortschritt der Terminbuchung")}>
      ${steps.map(
        ([step, label], i) =>
          html`<li class=${done || i < current ? "done" : ""} aria-current=${i === current ? "step" : nothing}>
            ${msg(str`Schritt ${i + 1}`)}: ${label}
          </li>`,
      )}
    </ol>`;
  }

  #renderStep(tenant: Tenant) {
    const selection = this.#selection(tenant);
    const parts = "step, heading, button, button-primary, calendar, day, time, input";
    switch (this.step) {
      case "manage":
        return html`<terminvergabe-manage data-step exportparts=${parts} .tenant=${tenant}
          .reference=${this.reference} .token=${this.token} .action=${this.#action}></terminvergabe-manage>`;
      case "concerns":
        return html`<terminvergabe-step-concerns data-step exportparts=${parts} .tenant=${tenant}
          .fixedOffice=${this.office} .officeId=${this.#officeId} .items=${this.#items}></terminvergabe-step-concerns>`;
      case "done":
        return html`<terminvergabe-confirmation data-step exportparts=${parts} .tenant=${tenant}
          .confirmation=${this.#confirmation}></terminvergabe-confirmation>`;
    }
    if (!selection) return nothing;
    switch (this.step) {
      case "datetime":
        return html`<terminvergabe-step-datetime data-step exportparts=${parts} .tenant=${tenant}
          .selection=${selection} .chosen=${this.#slot} .notice=${this.#notice}
          .ticket=${this.#room ? this.#ticket?.ticket : undefined}></terminvergabe-step-datetime>`;
      case "contact":
        return html`<terminvergabe-step-contact data-step exportparts=${parts} .tenant=${tenant}
          .value=${this.#contact} .hold=${this.#hold} .serverErrors=${this.#contactErrors}
          .services=${selection.items.map((i) => i.serviceId)}></terminvergabe-step-contact>`;
      case "review":
        return html`<terminvergabe-step-review data-step exportparts=${parts} .tenant=${tenant}
          .selection=${selection} .time=${this.#slot} .hold=${this.#hold} .contact=${this.#contact}></terminvergabe-step-review>`;
    }
  }

  /**
   * Below the step and sticky at the viewport's bottom, next to the button that started the
   * request. The status region stays in the DOM so that its text is announced (politely).
   */
  #renderOverload() {
    return html`<div class="overload">
      <div role="status">
        ${this.overload === "waiting"
          ? html`<p class="notice">${msg("Sehr hohe Nachfrage – Sie sind nicht vergessen. Wir versuchen es automatisch erneut …")}</p>`
          : nothing}
      </div>
      ${this.overload === "stalled"
        ? html`<div class="notice error" role="alert">
            <p>${msg("Die Nachfrage ist weiterhin sehr hoch. Bitte versuchen Sie es gleich noch einmal.")}</p>
            <button type="button" part="button" @click=${() => this.#connection?.retry()}>${msg("Erneut versuchen")}</button>
          </div>`
        : nothing}
    </div>`;
  }

  protected override render() {
    const wizard = this.step !== "manage";
    return html`<div class="base" part="base">
      <div class="vh" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      <div class="vh" role="alert" aria-atomic="true">${this.alert}</div>
      ${this.#tenantTask.render({
        initial: () => html`<p role="status">${msg("Terminbuchung wird geladen …")}</p>`,
        pending: () => html`<p role="status">${msg("Terminbuchung wird geladen …")}</p>`,
        error: (error) =>
          error instanceof TenantNotFound
            ? html`<p class="notice error">${msg("Diese Terminbuchung ist nicht verfügbar.")}</p>`
            : error instanceof OriginNotAllowed
              ? html`<div class="notice error">
                  <p>${msg("Terminbuchung derzeit nicht verfügbar.")}</p>
                  <details>
                    <summary>${msg("Hinweis für die Redaktion dieser Website")}</summary>
                    <p>${msg(str`Diese Website (${location.origin}) darf die Terminbuchung nicht einbinden. Bitte lassen Sie ${location.origin} bei der Behörde als erlaubte Adresse eintragen.`)}</p>
                  </details>
                </div>`
              : html`<div class="notice error" role="alert">
                <p>${msg("Die Terminbuchung ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.")}</p>
                <button type="button" part="button" @click=${() => this.#tenantTask.run()}>${msg("Erneut versuchen")}</button>
              </div>`,
        complete: (tenant) => {
          const room = this.#room$();
          const waiting =
            room.kind !== "free" && (this.step === "concerns" || this.step === "datetime")
              ? html`<terminvergabe-waiting-room exportparts="step, heading" .room=${this.#room} .ticket=${this.#ticket}
                  .at=${"at" in room ? room.at : 0} .timeZone=${tenant.timeZone} .failed=${this.#roomFailed}></terminvergabe-waiting-room>`
              : nothing;
          return this.#roomGate(room) ? waiting : html`${waiting} ${wizard ? this.#renderSteps() : nothing} ${this.#renderStep(tenant)}`;
        },
      })}
      ${this.#renderOverload()}
    </div>`;
  }
}
