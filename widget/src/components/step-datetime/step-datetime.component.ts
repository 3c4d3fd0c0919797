import { msg, str } from "@lit/localize";
import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues } from "lit";
import {
  AVAILABILITY, AVAILABILITY_CHANGED, HOLD_SLOT, live, RELEASE_HOLD, request, SLOTS, SLOTS_CHANGED, type Api,
} from "../../lib/api.ts";
import {
  dateOf, endOfMonth, formatDate, formatTime, formatTimeRange, type IsoDate, nearest, startOfMonth, today,
} from "../../lib/dates.ts";
import { proofOfWork } from "../../lib/proof-of-work.ts";
import { signal } from "../../lib/events.ts";
import { connectionFailed } from "../../lib/messages.ts";
import { getLocale } from "../../lib/localization.ts";
import { freeTimesOnDay } from "../../lib/counted-texts.ts";
import type { ApiError, AvailabilityDay, Hold, Selection, Slot, Tenant } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { stepDatetimeStyles } from "./step-datetime.styles.ts";

type AvailabilityResult = { availability: ({ __typename: "AvailabilityCalendar"; days: AvailabilityDay[] }) | ApiError };
type SlotsResult = { slots: { __typename: "SlotList"; date: string; slots: Slot[] } | ApiError };
type HoldResult = { holdSlot: Hold | ApiError };

const isError = (value: { __typename: string }): value is ApiError =>
  value.__typename !== "AvailabilityCalendar" && value.__typename !== "SlotList" && value.__typename !== "Hold";

/**
 * Step 2: a month calendar of the request's availability and the free times of the chosen
 * day, both kept live by subscriptions. "Next" reserves the time (a hold) or, when it was
 * taken meanwhile, the nearest free one, which the citizen may keep or give back; in
 * reschedule mode it only reports the chosen time.
 *
 * @fires tv-held - The time is reserved (`detail.slot`, `detail.hold`).
 * @fires tv-time - Reschedule mode: a time was chosen (`detail.slot`).
 * @fires tv-waiting-room - The hold needs the waiting room's admission (the WaitingRoomRequired answer).
 * @csspart step - The step's container.
 * @csspart heading - The step's heading.
 * @csspart time - Each free time.
 */
export class TerminvergabeStepDatetime extends WidgetElement {
  static override styles = [shared, stepDatetimeStyles];
  static override properties = {
    tenant: { attribute: false },
    selection: { attribute: false },
    chosen: { attribute: false },
    notice: { attribute: false },
    mode: { attribute: false },
    ticket: { attribute: false },
    month: { state: true },
    date: { state: true },
    choice: { state: true },
    error: { state: true },
    alternatives: { state: true },
    offer: { state: true },
    busy: { state: true },
    liveDays: { state: true },
    liveSlots: { state: true },
  };

  declare tenant: Tenant;
  declare selection: Selection;
  /** A time chosen earlier (coming back from step 3). */
  declare chosen: Slot | undefined;
  declare notice: string;
  declare mode: "book" | "reschedule";
  /** While an announced release's waiting room is open: its ticket, sent with every hold. */
  declare ticket: string | undefined;
  declare month: IsoDate;
  declare date: IsoDate | undefined;
  declare choice: string | undefined;
  declare error: string;
  declare alternatives: Slot[];
  /** The nearest free time the server held instead of the taken one, until kept or given back. */
  declare offer: Hold | undefined;
  declare busy: boolean;
  declare liveDays: { key: string; days: AvailabilityDay[] } | undefined;
  declare liveSlots: { key: string; slots: Slot[] } | undefined;

  #unsubscribeDays?: () => void;
  #unsubscribeSlots?: () => void;
  #daysKey = "";
  #slotsKey = "";

  constructor() {
    super();
    this.notice = "";
    this.mode = "book";
    this.error = "";
    this.alternatives = [];
    this.busy = false;
  }


  get #timeZone(): string {
    return this.selection.office.timeZone || this.tenant.timeZone;
  }

  get #today(): IsoDate {
    return today(this.#timeZone);
  }

  /** Variables shared by all four operations. */
  #base() {
    return { tenant: this.tenant.slug, office: this.selection.office.id, items: this.selection.items };
  }

  #range(): { from: IsoDate; to: IsoDate } {
    const from = this.month < this.#today ? this.#today : this.month;
    return { from, to: endOfMonth(this.month) };
  }

  readonly #daysTask = new Task(this, {
    args: () => [this.api.value, this.month, this.selection] as const,
    task: async ([api], { signal: abort }) => {
      const result = await request<AvailabilityResult>(api!.client, AVAILABILITY, { ...this.#base(), ...this.#range() }, { signal: abort });
      if (isError(result.availability)) throw new Error(result.availability.message);
      return result.availability.days;
    },
  });

  readonly #slotsTask = new Task(this, {
    args: () => [this.api.value, this.date, this.selection] as const,
    task: async ([api, date], { signal: abort }) => {
      if (!date) return undefined;
      const result = await request<SlotsResult>(api!.client, SLOTS, { ...this.#base(), date }, { signal: abort });
      if (isError(result.slots)) throw new Error(result.slots.message);
      const slots = result.slots.slots;
      signal(this, "tv-announce", {
        message: freeTimesOnDay(getLocale(), slots.length, formatDate(date, getLocale())),
      });
      return slots;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.month) {
      const start = this.chosen && dateOf(this.chosen.start, this.#timeZone);
      this.month = startOfMonth(start ?? this.#today);
      this.date = start;
      this.choice = this.chosen?.start;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releaseOffer();
    this.#unsubscribeDays?.();
    this.#unsubscribeSlots?.();
    this.#daysKey = this.#slotsKey = "";
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#follow();
    void changed;
    const times = this.#scroll && this.renderRoot.querySelector(".slots");
    if (times) {
      this.#scroll = false;
      times.scrollIntoView({ block: "nearest" });
    }
  }

  /** Keeps one subscription for the shown month and one for the chosen day. */
  #follow(): void {
    const api = this.api.value;
    if (!api || !this.isConnected) return;
    const daysVars = { ...this.#base(), ...this.#range() };
    const daysKey = JSON.stringify(daysVars);
    if (daysKey !== this.#daysKey) {
      this.#unsubscribeDays?.();
      this.#daysKey = daysKey;
      this.#unsubscribeDays = live<{ availabilityChanged: { days: AvailabilityDay[] } }>(api.client, AVAILABILITY_CHANGED, daysVars, (data) => {
        this.liveDays = { key: daysKey, days: data.availabilityChanged.days };
      });
    }
    const slotsVars = this.date ? { ...this.#base(), date: this.date } : undefined;
    const slotsKey = slotsVars ? JSON.stringify(slotsVars) : "";
    if (slotsKey !== this.#slotsKey) {
      this.#unsubscribeSlots?.();
      this.#unsubscribeSlots = undefined;
      this.#slotsKey = slotsKey;
      if (slotsVars) {
        this.#unsubscribeSlots = live<{ slotsChanged: { slots: Slot[] } }>(api.client, SLOTS_CHANGED, slotsVars, (data) =>
          this.#onSlotsChanged(slotsKey, data.slotsChanged.slots),
        );
      }
    }
  }

  #onSlotsChanged(key: string, slots: Slot[]): void {
    this.liveSlots = { key, slots };
    const choice = this.choice;
    // While a hold is in flight the time may vanish because it is ours; the hold's answer decides.
    if (choice && !this.busy && !slots.some((s) => s.start === choice)) {
      // Someone else booked the time this citizen had chosen: say so and offer the nearest.
      this.choice = undefined;
      this.alternatives = nearest(slots, choice);
      this.error = msg(str`Die gewählte Uhrzeit ${formatTime(choice, getLocale(), this.#timeZone)} ist gerade vergeben worden.`);
      signal(this, "tv-announce", { message: this.error + " " + this.#alternativesText(), assertive: true });
      // The focused time is gone: focus goes to the message, the nearest free times follow it.
      if (this.matches(":focus-within")) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("#error")?.focus());
    }
  }

  #alternativesText(): string {
    return this.alternatives.length ? msg("Bitte wählen Sie eine andere Uhrzeit, zum Beispiel eine der folgenden.") : msg("Bitte wählen Sie einen anderen Tag.");
  }

  get #days(): AvailabilityDay[] {
    return this.liveDays?.key === this.#daysKey ? this.liveDays.days : (this.#daysTask.value ?? []);
  }

  get #slots(): Slot[] | undefined {
    if (!this.date) return undefined;
    return this.liveSlots?.key === this.#slotsKey && this.#slotsKey ? this.liveSlots.slots : this.#slotsTask.value;
  }

  #pickDate(date: IsoDate): void {
    if (date !== this.date) {
      this.date = date;
      this.choice = undefined;
      this.#scroll = true;
    }
    this.error = "";
    this.alternatives = [];
  }

  #pickTime(start: string): void {
    this.choice = start;
    this.error = "";
    this.#releaseOffer();
  }

  /** Gives the offered time back (the citizen chose another one or left the step). */
  #releaseOffer(): void {
    const hold = this.offer;
    this.offer = undefined;
    if (hold && this.api.value) {
      request(this.api.value.client, RELEASE_HOLD, { input: { holdId: hold.id, token: hold.token } }, { mutation: true }).catch(
        () => undefined, // it expires on its own
      );
    }
  }

  #keepOffer(): void {
    const hold = this.offer!;
    this.offer = undefined;
    signal(this, "tv-held", { slot: { start: hold.start, end: hold.end }, hold });
  }

  #declineOffer(): void {
    this.#releaseOffer();
    // To the free times (the taken one has gone from them), else to the step's start.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector<HTMLElement>("input[name=time]") ?? this.renderRoot.querySelector<HTMLElement>("#heading"))?.focus(),
    );
  }

  #offerText(hold: Hold): string {
    const locale = getLocale();
    const when = `${formatDate(dateOf(hold.start, this.#timeZone), locale)}, ${formatTime(hold.start, locale, this.#timeZone)}`;
    return msg(str`Die gewählte Zeit war gerade vergeben. Wir haben Ihnen die nächste freie Zeit reserviert: ${when}.`);
  }

  #pickAlternative(slot: Slot): void {
    const date = dateOf(slot.start, this.#timeZone);
    this.month = startOfMonth(date);
    this.date = date;
    this.choice = slot.start;
    this.alternatives = [];
    this.error = "";
    void this.updateComplete.then(() => (this.renderRoot.querySelector("input[name=time]:checked") as HTMLElement | null)?.focus());
  }

  async #next(): Promise<void> {
    if (this.offer && !this.choice) return this.#keepOffer();
    const slot = this.#slots?.find((s) => s.start === this.choice) ?? this.alternatives.find((s) => s.start === this.choice);
    if (!slot) {
      this.error = this.date ? msg("Bitte wählen Sie eine Uhrzeit.") : msg("Bitte wählen Sie einen Tag im Kalender.");
      signal(this, "tv-announce", { message: this.error, assertive: true });
      return;
    }
    if (this.mode === "reschedule") {
      signal(this, "tv-time", { slot });
      return;
    }
    const api = this.api.value;
    if (!api || this.busy) return;
    this.busy = true;
    this.error = "";
    try {
      const { holdSlot } = await request<HoldResult>(
        api.client,
        HOLD_SLOT,
        // Under a rush the chosen time is often gone by now: the nearest free one beats a failure.
        { input: { ...this.#base(), start: slot.start, orNearest: true, waitingRoomTicket: this.ticket, proofOfWork: await proofOfWork(api, this.tenant.slug) } },
        { mutation: true },
      );
      if (holdSlot.__typename === "Hold") {
        const hold = holdSlot as Hold;
        if (!hold.substituted) {
          signal(this, "tv-held", { slot: { start: hold.start, end: hold.end }, hold });
          return;
        }
        this.choice = undefined;
        this.offer = hold;
        signal(this, "tv-announce", { message: this.#offerText(hold), assertive: true });
        await this.updateComplete;
        (this.renderRoot.querySelector("#keep") as HTMLElement | null)?.focus();
        return;
      }
      const failure = holdSlot as ApiError;
      if (failure.__typename === "WaitingRoomRequired") return signal(this, "tv-waiting-room", failure);
      this.error = failure.message;
      this.alternatives = failure.alternatives ?? [];
      if (failure.alternatives) this.choice = undefined;
      signal(this, "tv-announce", { message: failure.message, assertive: true });
    } catch {
      this.error = connectionFailed();
    } finally {
      this.busy = false;
    }
  }

  #renderWalkIn(day: AvailabilityDay | undefined) {
    if (!day) return nothing;
    const locale = getLocale();
    const windows = day.walkInWindows.map((w) => formatTimeRange(w.start, w.end, locale, this.#timeZone)).join(", ");
    return html`${day.holiday ? html`<p class="notice">${day.holiday}</p>` : nothing}
    ${windows
      ? html`<p class="notice">
          ${day.status === "WALK_IN_ONLY"
            ? msg(str`An diesem Tag gibt es nur eine offene Sprechstunde ohne Termin: ${windows} Uhr. Sie brauchen dafür keine Buchung.`)
            : msg(str`Zusätzlich offene Sprechstunde ohne Termin: ${windows} Uhr.`)}
        </p>`
      : nothing}`;
  }

  /** After a day is picked: bring its times into view once they are there (small screens). */
  #scroll = false;

  #renderSlots(slots: Slot[], label: string) {
    const locale = getLocale();
    return html`<fieldset class="slots">
      <legend>${label}</legend>
      <div class="times">
        ${slots.map(
          (slot) => html`<div class="time">
            <input type="radio" name="time" id="t-${slot.start}" .checked=${slot.start === this.choice}
              @change=${() => this.#pickTime(slot.start)} />
            <label for="t-${slot.start}" part="time">${formatTime(slot.start, locale, this.#timeZone)}</label>
          </div>`,
        )}
      </div>
    </fieldset>`;
  }

  /** The day's times, as a morning and an afternoon group when it has both. */
  #renderDay(slots: Slot[], label: string) {
    const morning = slots.filter((s) => formatTime(s.start, "de", this.#timeZone) < "12");
    const afternoon = slots.slice(morning.length);
    if (!morning.length || !afternoon.length) return this.#renderSlots(slots, label);
    return html`<fieldset class="slots">
      <legend>${label}</legend>
      ${this.#renderSlots(morning, msg("Vormittag"))} ${this.#renderSlots(afternoon, msg("Nachmittag"))}
    </fieldset>`;
  }

  #renderTimes() {
    const locale = getLocale();
    const date = this.date;
    if (!date) return html`<p class="hint">${msg("Wählen Sie zuerst einen Tag im Kalender.")}</p>`;
    const day = this.#days.find((d) => d.date === date);
    const slots = this.#slots;
    return html`${this.#renderWalkIn(day)}
      ${slots === undefined
        ? this.#slotsTask.render({
            pending: () => html`<p role="status">${msg("Freie Uhrzeiten werden geladen …")}</p>`,
            error: (e) => html`<p class="notice error">${(e as Error).message}</p>`,
          })
        : slots.length
          ? this.#renderDay(slots, msg(str`Freie Uhrzeiten am ${formatDate(date, locale)}`))
          : day?.status === "WALK_IN_ONLY"
            ? nothing
            : html`<p class="notice">${msg("An diesem Tag sind keine Uhrzeiten mehr frei. Bitte wählen Sie einen anderen Tag.")}</p>`}`;
  }

  protected override render() {
    const locale = getLocale();
    const heading = this.mode === "reschedule" ? msg("Neuen Termin wählen") : msg("Tag und Uhrzeit wählen");
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      ${this.notice ? html`<p class="notice error">${this.notice}</p>` : nothing}
      <p>${msg("Wählen Sie einen Tag mit freien Terminen (siehe Legende unter dem Kalender) und dann eine Uhrzeit.")}</p>
      <div class="layout">
        <div>
          <terminvergabe-date-picker exportparts="calendar, day, button" .month=${this.month} .days=${this.#days}
            .selected=${this.date} .min=${this.#today} .loading=${this.#daysTask.status === TaskStatus.PENDING && this.liveDays?.key !== this.#daysKey}
            @tv-month=${(e: CustomEvent) => (this.month = e.detail.month)}
            @tv-date=${(e: CustomEvent) => this.#pickDate(e.detail.date)}></terminvergabe-date-picker>
          ${this.#daysTask.render({ error: (e) => html`<p class="notice error">${(e as Error).message}</p>` })}
        </div>
        <div>${this.#renderTimes()}</div>
      </div>
      <div aria-live="polite">
        ${this.offer
          ? html`<div class="notice" role="group" aria-labelledby="offer">
              <p id="offer">${this.#offerText(this.offer)}</p>
              <div class="actions">
                <button type="button" part="button" @click=${this.#declineOffer}>${msg("Andere Zeit wählen")}</button>
                <button type="button" id="keep" class="primary" part="button button-primary" @click=${this.#keepOffer}>
                  ${msg("Diese Zeit behalten")}
                </button>
              </div>
            </div>`
          : nothing}
        ${this.error ? html`<p class="notice error" id="error" tabindex="-1">${this.error}</p>` : nothing}
        ${this.alternatives.length
          ? html`<p>${this.#alternativesText()}</p>
              <ul class="times alternatives" aria-label=${msg("Nächstgelegene freie Zeiten")}>
                ${this.alternatives.map(
                  (slot) => html`<li class="time">
                    <button type="button" part="button" @click=${() => this.#pickAlternative(slot)}>
                      ${formatDate(dateOf(slot.start, this.#timeZone), locale)}, ${formatTime(slot.start, locale, this.#timeZone)}
                    </button>
                  </li>`,
                )}
              </ul>`
          : nothing}
      </div>
      <div class="actions">
        <button type="button" part="button" @click=${() => signal(this, "tv-back")}>${msg("Zurück")}</button>
        <button type="button" class="primary" part="button button-primary" aria-disabled=${this.busy ? "true" : nothing} @click=${this.#next}>
          ${this.mode === "reschedule" ? msg("Termin verschieben") : msg("Weiter")}
        </button>
      </div>
    </section>`;
  }
}
