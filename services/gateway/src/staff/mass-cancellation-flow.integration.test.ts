import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();

const START = `mutation ($input: StartMassCancellationInput!) { startMassCancellation(input: $input) { __typename ... on MassCancellation { id status total cancelled closureCreated } ... on InputError { code field message } } }`;
const PREVIEW = `query ($input: MassCancellationInput!) { previewMassCancellation(input: $input) { __typename ... on MassCancellationPreview { count first { start contactName } } ... on InputError { code field } } }`;
const PROGRESS = `query ($tenant: String!, $id: ID!) { massCancellation(tenant: $tenant, id: $id) { status total cancelled finishedAt } }`;

describe.each(testTargets())("mass cancellation through the API ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let admin: Record<string, string>;
  let clerk: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: `mass-${target.name}`, date: DAY, until: "12:00", counters: 2, policy: { maxActiveBookingsPerPerson: 0 } });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const p = h.database.db.prisma;
    await p.staffUser.create({ data: { tenantId: o.tenantId, email: "admin@mass.example", name: "Ada", role: "ADMIN", passwordHash } });
    await p.staffUser.create({ data: { tenantId: o.tenantId, email: "clerk@mass.example", name: "Carl", role: "CLERK", passwordHash } });
    const login = async (email: string) => {
      const { body } = await h.gql<{ staffLogin: { token: string } }>(
        `mutation ($t: String!, $e: String!) { staffLogin(tenant: $t, email: $e, password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
        { t: o.tenantSlug, e: email },
      );
      return { authorization: `Bearer ${body.data!.staffLogin.token}` };
    };
    admin = await login("admin@mass.example");
    clerk = await login("clerk@mass.example");
    // Six bookings by phone: four at 09:00–10:30 on the first counter that fits, two phone-only.
    for (const [i, time] of ["09:00", "09:00", "09:30", "10:00", "10:30", "11:00"].entries()) {
      const contact = i < 4 ? { name: `Bürger ${i}`, email: `b${i}@example.org` } : { name: `Bürger ${i}`, phone: `030 12345${i}0` };
      const { body } = await h.gql<{ staffBookAppointment: { __typename: string } }>(
        `mutation ($input: StaffBookAppointmentInput!) { staffBookAppointment(input: $input) { __typename } }`,
        { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: at(time), contact } },
        clerk,
      );
      expect(body.data!.staffBookAppointment.__typename).toBe("StaffBooking");
    }
  });
  afterAll(async () => h?.close());

  const cancellation = (extra: Record<string, unknown> = {}) => ({
    tenant: o.tenantSlug,
    office: "amt",
    from: DAY,
    to: DAY,
    reason: { de: "Wasserschaden im Bürgerbüro.", en: "Water damage in the citizens' office." },
    ...extra,
  });

  it("previews the count and first entries; validates the range and reason with typed errors", async () => {
    const preview = await h.gql<{ previewMassCancellation: { count: number; first: { contactName: string }[] } }>(PREVIEW, { input: cancellation() }, admin);
    expect(preview.body.data!.previewMassCancellation).toMatchObject({ __typename: "MassCancellationPreview", count: 6 });
    const bad = await h.gql<{ previewMassCancellation: { code: string; field: string } }>(PREVIEW, { input: cancellation({ from: "2030-03-05" }) }, admin);
    expect(bad.body.data!.previewMassCancellation).toMatchObject({ __typename: "InputError", code: "INVALID_RANGE", field: "to" });
    const noReason = await h.gql<{ previewMassCancellation: { code: string } }>(PREVIEW, { input: cancellation({ reason: { de: "  " } }) }, admin);
    expect(noReason.body.data!.previewMassCancellation).toMatchObject({ code: "REASON_REQUIRED" });
  });

  it("is for admins only: a clerk gets NOT_ALLOWED", async () => {
    const refused = await h.gql(START, { input: { cancellation: cancellation(), closure: true } }, clerk);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    expect(await h.database.db.prisma.massCancellation.count()).toBe(0);
  });

  it("cancels every live booking of the range once, mails those with an address, closes the range and reports progress", async () => {
    const started = await h.gql<{ startMassCancellation: { id: string; total: number; status: string } }>(START, { input: { cancellation: cancellation(), closure: true } }, admin);
    const run = started.body.data!.startMassCancellation;
    expect(run).toMatchObject({ __typename: "MassCancellation", status: "RUNNING", total: 6, closureCreated: true });
    // The job, as the runner would start it (twice: the second run finds nothing left).
    const signal = new AbortController().signal;
    await h.app.services.staff.runMassCancellation(run.id, signal, "mass-cancellation");
    await h.app.services.staff.runMassCancellation(run.id, signal, "mass-cancellation");
    const progress = await h.gql<{ massCancellation: { status: string; cancelled: number; finishedAt: string } }>(PROGRESS, { tenant: o.tenantSlug, id: run.id }, admin);
    expect(progress.body.data!.massCancellation).toMatchObject({ status: "DONE", cancelled: 6, finishedAt: expect.any(String) });
    const p = h.database.db.prisma;
    expect(await p.booking.count({ where: { tenantId: o.tenantId, status: "CANCELLED", massCancellationId: run.id } })).toBe(6);
    const mails = await p.mailOutbox.findMany({ where: { tenantId: o.tenantId, kind: "CANCELLATION" } });
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.icsMethod === "CANCEL" && m.textBody.includes("Wasserschaden im Bürgerbüro."))).toBe(true);
    // The closure keeps the range shut: a citizen cannot book it again.
    const hold = await h.gql<{ holdSlot: { __typename: string; code: string } }>(
      HOLD,
      { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: at("09:00") } },
      { origin: "http://localhost:4001" },
    );
    expect(hold.body.data!.holdSlot).toMatchObject({ __typename: "InputError", code: "START_CLOSED" });
    // Another agency's admin does not learn that the run exists.
    const foreign = await h.gql<{ massCancellation: unknown }>(PROGRESS, { tenant: "demo-buergerbuero", id: run.id }, admin);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    const audit = await p.auditLog.findMany({ where: { tenantId: o.tenantId, entityType: "MassCancellation" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["massCancellation.started", "massCancellation.finished"]);
    expect(audit[0]!.actor).toMatch(/^staff:/);
  });

  it("shows the audit log by object and page, and statistics without personal data", async () => {
    const AUDIT = `query ($t: String!, $type: String, $before: ID) { auditLog(tenant: $t, entityType: $type, first: 4, before: $before) {
      __typename ... on AuditLog { entries { id actor action entityType data } } ... on Error { code } } }`;
    type Entries = { auditLog: { entries: { id: string; actor: string; action: string; data: string }[] } };
    const page1 = (await h.gql<Entries>(AUDIT, { t: o.tenantSlug, type: "Booking" }, admin)).body.data!.auditLog.entries;
    expect(page1).toHaveLength(4);
    expect(page1.map((e) => [e.action, e.actor])).toEqual(Array(4).fill(["booking.cancelled", "system:mass-cancellation"]));
    expect(JSON.parse(page1[0]!.data)).toMatchObject({ after: { status: "CANCELLED" }, reason: "Wasserschaden im Bürgerbüro." });
    const page2 = (await h.gql<Entries>(AUDIT, { t: o.tenantSlug, type: "Booking", before: page1[3]!.id }, admin)).body.data!.auditLog.entries;
    expect(page2.map((e) => e.action)).toEqual(["booking.cancelled", "booking.cancelled", "booking.confirmed", "booking.confirmed"]);
    expect(new Set([...page1, ...page2].map((e) => e.id)).size).toBe(8);

    const STATS = `query ($t: String!) { statistics(tenant: $t, office: "amt", from: "${DAY}", to: "${DAY}") { __typename
      ... on OfficeStatistics { byStatusAndChannel { status channel count } byService { bookings units } noShowRate averageLeadMinutes } } }`;
    const stats = await h.gql<{ statistics: Record<string, unknown> }>(STATS, { t: o.tenantSlug }, admin);
    expect(stats.body.data!.statistics).toEqual({
      __typename: "OfficeStatistics",
      byStatusAndChannel: [{ status: "CANCELLED", channel: "STAFF", count: 6 }],
      byService: [{ bookings: 6, units: 6 }],
      noShowRate: null,
      averageLeadMinutes: expect.any(Number),
    });
    const clerkAsks = await h.gql(STATS, { t: o.tenantSlug }, clerk);
    expect(clerkAsks.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
  });

  it("creates and deletes closures, which citizens see at once", async () => {
    const origin = { origin: "http://localhost:4001" };
    const hold = async (time: string) =>
      (
        await h.gql<{ holdSlot: { __typename: string; code?: string } }>(
          `mutation ($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Error { code } } }`,
          { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: at(time) } },
          origin,
        )
      ).body.data!.holdSlot;
    const DELETE = `mutation ($t: String!, $id: ID!) { deleteClosure(tenant: $t, id: $id) { __typename ... on Closure { from reasonDe } ... on Error { code } } }`;
    const massClosure = await h.database.db.prisma.closure.findFirstOrThrow({ where: { tenantId: o.tenantId } });
    const reopened = await h.gql<{ deleteClosure: Record<string, unknown> }>(DELETE, { t: o.tenantSlug, id: massClosure.id }, admin);
    expect(reopened.body.data!.deleteClosure).toEqual({ __typename: "Closure", from: DAY, reasonDe: "Wasserschaden im Bürgerbüro." });
    expect(await hold("09:00")).toEqual({ __typename: "Hold" });

    const CREATE = `mutation ($input: CreateClosureInput!) { createClosure(input: $input) { __typename ... on Closure { id startTime endTime reasonEn } ... on InputError { code field } } }`;
    const input = { tenant: o.tenantSlug, office: "amt", from: DAY, to: DAY, startTime: "10:00", endTime: "11:00", reason: { de: "Betriebsversammlung" } };
    const bad = await h.gql<{ createClosure: Record<string, unknown> }>(CREATE, { input: { ...input, endTime: "09:00" } }, admin);
    expect(bad.body.data!.createClosure).toEqual({ __typename: "InputError", code: "INVALID_RANGE", field: "endTime" });
    const created = await h.gql<{ createClosure: Record<string, unknown> }>(CREATE, { input }, admin);
    expect(created.body.data!.createClosure).toMatchObject({ __typename: "Closure", startTime: "10:00", endTime: "11:00", reasonEn: "Betriebsversammlung" });
    expect(await hold("10:00")).toEqual({ __typename: "InputError", code: "START_CLOSED" });
    expect(await hold("11:00")).toEqual({ __typename: "Hold" });
    const audit = await h.database.db.prisma.auditLog.findMany({ where: { tenantId: o.tenantId, entityType: "Closure" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["closure.deleted", "closure.created"]);
    const again = await h.gql<{ deleteClosure: Record<string, unknown> }>(DELETE, { t: o.tenantSlug, id: massClosure.id }, admin);
    expect(again.body.data!.deleteClosure).toEqual({ __typename: "NotFound", code: "NOT_FOUND" });
  });

  it("lets an admin promote and deactivate a colleague (sessions end at once), never themselves or the last admin", async () => {
    const UPDATE = `mutation ($t: String!, $u: ID!, $role: StaffRole, $active: Boolean) { updateStaffUser(tenant: $t, user: $u, role: $role, active: $active) {
      __typename ... on StaffUser { role active } ... on Error { code message } } }`;
    const p = h.database.db.prisma;
    const [ada, carl] = await Promise.all(["admin@mass.example", "clerk@mass.example"].map((email) => p.staffUser.findFirstOrThrow({ where: { tenantId: o.tenantId, email } })));
    const update = async (user: string, vars: Record<string, unknown>) =>
      (await h.gql<{ updateStaffUser: Record<string, unknown> }>(UPDATE, { t: o.tenantSlug, u: user, ...vars }, admin)).body.data!.updateStaffUser;
    expect(await update(ada!.id, { role: "CLERK" })).toMatchObject({ __typename: "InputError", code: "STAFF_SELF_CHANGE" });
    expect(await update(carl!.id, { role: "ADMIN" })).toEqual({ __typename: "StaffUser", role: "ADMIN", active: true });
    expect(await update(carl!.id, { active: false })).toEqual({ __typename: "StaffUser", role: "ADMIN", active: false });
    // Carl's session ended with the deactivation.
    const asCarl = await h.gql(`query { viewer { kind } }`, {}, clerk);
    expect(asCarl.body.data).toEqual({ viewer: { kind: "ANONYMOUS" } });
    const audit = await p.auditLog.findMany({ where: { entityType: "StaffUser", entityId: carl!.id, action: "staffUser.updated" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.data)).toEqual([
      { before: { role: "CLERK", active: true }, after: { role: "ADMIN", active: true } },
      { before: { role: "ADMIN", active: true }, after: { role: "ADMIN", active: false } },
    ]);
  });
});
