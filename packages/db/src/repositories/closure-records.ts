/** A closure as the staff API shows it. */
export interface ClosureRecord {
  id: string;
  tenantId: string;
  officeId: string;
  counterId: string | null;
  from: string;
  to: string;
  startTime: string | null;
  endTime: string | null;
  reason: { de: string; en: string };
}

/** The columns of a "Closure" row (unqualified) that {@link toClosure} reads. */
export const CLOSURE_COLUMNS = `id::text AS id, "tenantId"::text AS "tenantId", "officeId"::text AS "officeId", "counterId"::text AS "counterId",
  to_char("fromDate", 'YYYY-MM-DD') AS "from", to_char("toDate", 'YYYY-MM-DD') AS "to", "startTime", "endTime", reason`;

/** A closure row as the audit log's before/after (jsonb). */
export const CLOSURE_AUDIT = `jsonb_build_object('officeId', "officeId", 'counterId', "counterId", 'from', "fromDate", 'to', "toDate",
  'startTime', "startTime", 'endTime', "endTime", 'reason', reason)`;

export function toClosure(row: Record<string, unknown>): ClosureRecord {
  return {
    id: String(row.id),
    tenantId: String(row.tenantId),
    officeId: String(row.officeId),
    counterId: (row.counterId as string | null) ?? null,
    from: String(row.from),
    to: String(row.to),
    startTime: (row.startTime as string | null) ?? null,
    endTime: (row.endTime as string | null) ?? null,
    reason: (typeof row.reason === "string" ? JSON.parse(row.reason) : row.reason) as { de: string; en: string },
  };
}
