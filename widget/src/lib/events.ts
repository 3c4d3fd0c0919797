/** Public events of `<terminvergabe-booking>`; all bubble and cross shadow roots. */
export interface TerminvergabeStepChangeDetail {
  step: "concerns" | "datetime" | "contact" | "review" | "done" | "manage";
}
export interface TerminvergabeBookedDetail {
  reference: string;
  start: string;
  verificationRequired: boolean;
}
export interface TerminvergabeBookingChangedDetail {
  reference: string;
  status: string;
  start: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Step 1 is rendered and can be used (the citizen can interact). */
    "terminvergabe-ready": CustomEvent<{ tenant: string }>;
    "terminvergabe-step-change": CustomEvent<TerminvergabeStepChangeDetail>;
    "terminvergabe-booked": CustomEvent<TerminvergabeBookedDetail>;
    "terminvergabe-booking-changed": CustomEvent<TerminvergabeBookingChangedDetail>;
  }
}

export function emit<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * Internal events bubble to the wizard and stop there (booking.component.ts). `composed`
 * only for elements nested inside a step, whose events must cross the step's shadow root.
 */
export function signal<T>(target: EventTarget, type: string, detail?: T, composed = false): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed }));
}
