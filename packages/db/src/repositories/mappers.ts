import {
  type LocalizedText,
  type OfficeInfo,
  type ServiceInfo,
  type Tenant,
  parseTenantPolicy,
} from "@terminvergabe/core";
import type {
  Office as OfficeRow,
  Service as ServiceRow,
  Tenant as TenantRow,
} from "../generated/prisma/client.ts";

export function asText(value: unknown): LocalizedText {
  const v = (value ?? {}) as Partial<LocalizedText>;
  return { de: typeof v.de === "string" ? v.de : "", en: typeof v.en === "string" ? v.en : "" };
}

export function asTextList(value: unknown): LocalizedText[] {
  return Array.isArray(value) ? value.map(asText) : [];
}

export function asStringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: asText(row.name),
    timeZone: row.timeZone,
    locale: row.locale === "en" ? "en" : "de",
    theme: asStringRecord(row.theme),
    allowedOrigins: row.allowedOrigins,
    policy: parseTenantPolicy(row.policy),
    privacyUrl: row.privacyUrl,
    imprintUrl: row.imprintUrl,
    contactEmail: row.contactEmail,
  };
}

export function toOffice(row: OfficeRow): OfficeInfo {
  const notes = (row.notes ?? {}) as Record<string, unknown>;
  const out: OfficeInfo["notes"] = {};
  for (const key of ["phoneHours", "directions", "accessibility"] as const) {
    if (notes[key]) out[key] = asText(notes[key]);
  }
  return {
    id: row.id,
    tenantId: row.tenantId,
    slug: row.slug,
    name: asText(row.name),
    address: { street: row.street, postalCode: row.postalCode, city: row.city },
    timeZone: row.timeZone,
    holidayRegion: row.holidayRegion,
    notes: out,
  };
}

export function toService(row: ServiceRow): ServiceInfo {
  return {
    id: row.id,
    tenantId: row.tenantId,
    slug: row.slug,
    name: asText(row.name),
    description: asText(row.description),
    category: asText(row.category),
    durationMinutes: row.durationMinutes,
    additionalUnitMinutes: row.additionalUnitMinutes,
    maxQuantity: row.maxQuantity,
    documents: asTextList(row.documents),
    hints: asTextList(row.hints),
    leikaKey: row.leikaKey,
    onlineBookable: row.onlineBookable,
  };
}
