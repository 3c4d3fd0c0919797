/** Shapes of the GraphQL API the widget reads (see services/gateway/schema.graphql). */

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  category: string;
  durationMinutes: number;
  additionalUnitMinutes: number;
  maxQuantity: number;
  documents: string[];
  hints: string[];
}

export interface Office {
  id: string;
  slug: string;
  name: string;
  address: Address;
  timeZone: string;
  phoneHours: string | null;
  services: { id: string }[];
}

export interface Tenant {
  slug: string;
  name: string;
  timeZone: string;
  privacyUrl: string | null;
  phoneRequired: boolean;
  /** Minutes before the start from which a booking cannot be changed online. */
  cancellationCutoffMinutes?: number;
  theme: { name: string; value: string }[];
  offices: Office[];
  services: Service[];
  /** An announced release's waiting room while it matters; null when there is none. */
  waitingRoom?: WaitingRoom | null;
}

/** UPCOMING: announced, not open; WAITING: open, tickets handed out; ADMITTING: the release is on. */
export interface WaitingRoom {
  releaseAt: string;
  opensAt: string;
  phase: "UPCOMING" | "WAITING" | "ADMITTING";
  /** All appointments of this release are taken: nobody else is admitted. */
  soldOut?: boolean;
  nextReleaseAt?: string | null;
}

/**
 * A place in the waiting room: holds carry `ticket` from `admitAt` (drawn by lot; final
 * once `admitAtFinal`) on. `pollAt` (epoch ms): when the gateway said to ask again;
 * absent once admitted.
 */
export interface WaitingRoomTicket {
  ticket: string;
  admitAt: string;
  releaseAt: string;
  admitAtFinal?: boolean;
  pollAt?: number;
}

/** Where a ticket stands (waitingRoomStatus): ask again after `pollAfterSeconds` while WAITING. */
export interface WaitingRoomStatus {
  state: "WAITING" | "ADMITTED" | "SOLD_OUT";
  admitAt?: string | null;
  admitAtFinal?: boolean;
  pollAfterSeconds?: number | null;
  nextReleaseAt?: string | null;
}

export type DayStatus = "AVAILABLE" | "FULL" | "CLOSED" | "WALK_IN_ONLY";

export interface TimeWindow {
  start: string;
  end: string;
}

export interface AvailabilityDay {
  date: string;
  status: DayStatus;
  freeSlots: number;
  holiday?: string | null;
  walkInWindows: TimeWindow[];
}

export interface Slot {
  start: string;
  end: string;
}

export interface RequestItem {
  serviceId: string;
  quantity: number;
}

export interface Hold {
  __typename: "Hold";
  id: string;
  token: string;
  start: string;
  end: string;
  expiresAt: string;
  /** From holdSlot only: the asked-for start was taken and the server held the nearest free one. */
  substituted?: boolean;
}

/** Every expected failure implements the schema's `Error` interface. */
export interface ApiError {
  __typename: string;
  message: string;
  code: string;
  field?: string | null;
  alternatives?: Slot[];
  /** WaitingRoomRequired (holdSlot while an announced release's room is open). */
  releaseAt?: string;
  admitAt?: string | null;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

export interface Booking {
  __typename?: "Booking";
  reference: string;
  status: string;
  /** Whether it may still be cancelled or rescheduled online. */
  changeable: boolean;
  start: string;
  end: string;
  icsUrl: string | null;
  office: { id: string; name: string; timeZone: string; address: Address };
  services: { quantity: number; service: { id: string; name: string; documents: string[]; hints: string[] } | null }[];
}

export interface Confirmation {
  __typename: "BookingConfirmation";
  booking: Booking;
  manageToken: string;
  verificationRequired: boolean;
}

/** What the citizen has chosen so far; passed down from the wizard to each step. */
export interface Selection {
  office: Office;
  items: RequestItem[];
}
