/** Shapes the desk reads from the staff API (see lib/documents.ts). */
export type Role = "ADMIN" | "CLERK";
export type BookingStatus =
  | "HELD"
  | "PENDING_VERIFICATION"
  | "CONFIRMED"
  | "CANCELLED"
  | "EXPIRED"
  | "CHECKED_IN"
  | "COMPLETED"
  | "NO_SHOW"
  | "UNMARKED";
export type Attendance = "CHECKED_IN" | "COMPLETED" | "NO_SHOW" | "NONE";

export interface DeskService {
  id: string;
  slug: string;
  name: string;
  durationMinutes: number;
  additionalUnitMinutes: number;
  maxQuantity: number;
  onlineBookable: boolean;
  documents: string[];
  hints: string[];
}

export interface DeskOffice {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  services: { id: string }[];
}

export interface DeskTenant {
  slug: string;
  name: string;
  timeZone: string;
  offices: DeskOffice[];
  services: DeskService[];
}

export interface DeskBooking {
  id: string;
  reference: string | null;
  start: string;
  end: string;
  status: BookingStatus;
  channel: "ONLINE" | "STAFF" | "LOTTERY";
  counterId: string;
  counterName: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  officeId: string;
  services: { quantity: number; service: { id: string; name: string; documents: string[] } | null }[];
}

export interface StaffBooking {
  id: string;
  reference: string;
  start: string;
  end: string;
  status: BookingStatus;
  mailed: boolean;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface Slot {
  start: string;
  end: string;
}

export interface ApiError {
  __typename: string;
  code: string;
  message: string;
  field?: string | null;
}

export interface Viewer {
  kind: "ANONYMOUS" | "CUSTOMER" | "STAFF";
  roles?: Role[];
  user?: { id: string; name: string; email: string };
  tenant?: { slug: string };
}

export interface MassCancellation {
  id: string;
  status: "RUNNING" | "DONE";
  total: number;
  cancelled: number;
  from: string;
  to: string;
}

/** A typed error result of a mutation (any union member with `code` and `message`). */
export const isError = (value: { __typename: string }): value is ApiError => "code" in value && "message" in value;
