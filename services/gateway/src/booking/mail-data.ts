import type { LocalizedText, OfficeInfo, ServiceInfo, Tenant } from "@terminvergabe/core";
import type { BookingRecord, OutboxInsert } from "@terminvergabe/db";
import type { BookingMailData, BookingMailKind, OutboxMail } from "../mail/types.ts";

export type RenderMail = (data: BookingMailData) => OutboxMail;

/** The citizen-facing link to view, cancel or reschedule; the token stays in the fragment (never sent to servers or logs). */
export function manageUrl(publicUrl: string, tenantSlug: string, reference: string, token: string, action?: "verify"): string {
  const params = new URLSearchParams({ ref: reference, token, ...(action ? { action } : {}) });
  return `${publicUrl}/manage/${encodeURIComponent(tenantSlug)}#${params.toString()}`;
}

const HEX = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;

/** The tenant's primary colours for a mail (plain hex only: mail clients know no custom properties). */
export function mailColors(theme: Tenant["theme"]): { primary: string; onPrimary: string } | null {
  const primary = theme["--tv-color-primary"]?.trim() ?? "";
  const onPrimary = theme["--tv-color-on-primary"]?.trim() || "#ffffff";
  return HEX.test(primary) && HEX.test(onPrimary) ? { primary, onPrimary } : null;
}

/** Renders a booking mail as an outbox row. */
export function bookingMail(
  render: RenderMail,
  kind: BookingMailKind,
  input: {
    tenant: Tenant;
    office: OfficeInfo;
    services: ServiceInfo[];
    booking: BookingRecord;
    reference: string;
    icsSequence: number;
    manageUrl: string;
    verifyUrl?: string;
    /** RESCHEDULE: the start before the move. */
    previousStart?: Date | undefined;
    /** CANCELLATION by the agency: why (shown to the citizen). */
    cancellationReason?: LocalizedText | undefined;
    now: Date;
  },
): OutboxInsert {
  const byId = new Map(input.services.map((s) => [s.id, s]));
  const mail = render({
    kind,
    locale: input.booking.locale,
    tenant: { name: input.tenant.name, contactEmail: input.tenant.contactEmail, colors: mailColors(input.tenant.theme) },
    office: {
      name: input.office.name,
      address: input.office.address,
      timeZone: input.office.timeZone,
      phoneHours: input.office.notes.phoneHours ?? null,
    },
    booking: {
      id: input.booking.id,
      reference: input.reference,
      start: input.booking.start,
      end: input.booking.end,
      icsSequence: input.icsSequence,
      contactName: input.booking.contactName ?? "",
      contactEmail: input.booking.contactEmail ?? "",
    },
    services: input.booking.items.flatMap((item) => {
      const s = byId.get(item.serviceId);
      return s ? [{ name: s.name, quantity: item.quantity, documents: s.documents, hints: s.hints }] : [];
    }),
    manageUrl: input.manageUrl,
    verifyUrl: input.verifyUrl,
    verifyDeadline: input.booking.verifyDeadline ?? undefined,
    previousStart: input.previousStart,
    cancellationReason: input.cancellationReason,
    now: input.now,
  });
  return { kind, ...mail };
}
