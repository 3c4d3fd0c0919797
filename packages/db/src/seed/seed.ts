import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../client.ts";
import { hashPassword } from "../password-hash.ts";
import { sqlStateOf, SqlState } from "../sqlstate.ts";
import type { DemoTenant } from "./demo-types.ts";

/** Password of every demo staff user and demo customer (documented in the README). */
export const DEMO_PASSWORD = "demo-passwort";

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * Writes the demo tenants that do not exist yet, each in one transaction.
 * Idempotent: existing tenants (by slug) are left untouched, and a concurrent
 * seeder losing the race on the unique slug is not an error.
 * @returns the slugs created by this call.
 */
/**
 * Adds `origins` to the allowlists of the tenants named by `slugs` (those already allowed
 * stay), e.g. the demo host's origins for the port this instance runs on.
 */
export async function allowDemoOrigins(db: Database, slugs: string[], origins: string[]): Promise<void> {
  if (!origins.length || !slugs.length) return;
  await db.sql.query(
    `UPDATE "Tenant" SET "allowedOrigins" = ARRAY(SELECT DISTINCT o FROM unnest("allowedOrigins" || $2::text[]) AS o ORDER BY o)
      WHERE slug = ANY($1::text[]) AND NOT ("allowedOrigins" @> $2::text[])`,
    [slugs, origins],
    "allow-demo-origins",
  );
}

export async function seedDemoTenants(db: Database, tenants: DemoTenant[]): Promise<string[]> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of tenants) {
    if (await db.prisma.tenant.findUnique({ where: { slug: demo.slug }, select: { id: true } })) continue;
    try {
      await db.prisma.$transaction(async (tx) => {
        const tenant = await tx.tenant.create({
          data: {
            slug: demo.slug,
            name: { ...demo.name },
            timeZone: demo.timeZone,
            locale: demo.locale,
            theme: demo.theme,
            allowedOrigins: demo.allowedOrigins,
            policy: demo.policy as object,
            privacyUrl: demo.privacyUrl,
            contactEmail: demo.contactEmail,
          },
        });
        const tenantId = tenant.id;
        const serviceIds = new Map<string, string>();
        for (const [position, s] of demo.services.entries()) {
          const row = await tx.service.create({
            data: {
              tenantId,
              slug: s.slug,
              name: { ...s.name },
              description: { ...s.description },
              category: { ...s.category },
              durationMinutes: s.durationMinutes,
              additionalUnitMinutes: s.additionalUnitMinutes,
              maxQuantity: s.maxQuantity,
              documents: s.documents.map((d) => ({ ...d })),
              hints: s.hints.map((h) => ({ ...h })),
              leikaKey: s.leikaKey,
              onlineBookable: s.onlineBookable,
              position,
            },
          });
          serviceIds.set(s.slug, row.id);
        }
        const officeIds = new Map<string, string>();
        for (const [position, o] of demo.offices.entries()) {
          const office = await tx.office.create({
            data: {
              tenantId,
              slug: o.slug,
              name: { ...o.name },
              street: o.street,
              postalCode: o.postalCode,
              city: o.city,
              timeZone: demo.timeZone,
              holidayRegion: o.holidayRegion,
              notes: JSON.parse(JSON.stringify(o.notes)),
              position,
            },
          });
          officeIds.set(o.slug, office.id);
          const counterIds = new Map<string, string>();
          for (const c of o.counters) {
            const counter = await tx.counter.create({ data: { tenantId, officeId: office.id, name: c.name } });
            counterIds.set(c.name, counter.id);
            for (const slug of c.services) {
              const serviceId = serviceIds.get(slug);
              if (!serviceId) throw new Error(`Demo data: counter ${c.name} names unknown service ${slug}`);
              await tx.counterService.create({ data: { tenantId, counterId: counter.id, serviceId } });
            }
          }
          const counterOf = (name: string | undefined) => {
            if (name === undefined) return null;
            const id = counterIds.get(name);
            if (!id) throw new Error(`Demo data: unknown counter ${name} in office ${o.slug}`);
            return id;
          };
          for (const r of o.rules) {
            await tx.scheduleRule.create({
              data: {
                tenantId,
                officeId: office.id,
                counterId: counterOf(r.counter),
                kind: r.kind,
                rrule: r.rrule,
                startTime: r.startTime,
                endTime: r.endTime,
                validFrom: date(r.validFrom),
                validUntil: r.validUntil ? date(r.validUntil) : null,
                note: r.note ? { ...r.note } : {},
              },
            });
          }
          for (const c of o.closures) {
            await tx.closure.create({
              data: {
                tenantId,
                officeId: office.id,
                counterId: counterOf(c.counter),
                fromDate: date(c.fromDate),
                toDate: date(c.toDate),
                startTime: c.startTime ?? null,
                endTime: c.endTime ?? null,
                reason: { ...c.reason },
              },
            });
          }
        }
        for (const s of demo.staff) {
          await tx.staffUser.create({ data: { tenantId, email: s.email, name: s.name, role: s.role, passwordHash } });
        }
        for (const c of demo.customers) {
          await tx.customer.create({
            data: {
              tenantId,
              email: c.email,
              emailNormalized: c.email.trim().toLowerCase(),
              name: c.name,
              passwordHash,
              verifiedAt: new Date(),
            },
          });
        }
        for (const c of demo.campaigns) {
          const officeId = officeIds.get(c.office);
          const serviceId = serviceIds.get(c.service);
          if (!officeId || !serviceId) throw new Error(`Demo data: campaign ${c.slug} names unknown office/service`);
          // tv-draw-1 (docs/lottery.md): the commitment is SHA-256 of the 32 raw secret bytes.
          const secret = randomBytes(32);
          await tx.campaign.create({
            data: {
              tenantId,
              officeId,
              serviceId,
              slug: c.slug,
              name: { ...c.name },
              // The campaign clock (gateway job lottery-campaigns) takes it on from here: a closed
              // window is closed properly (entry-list hash) and drawn at its draw time.
              status: new Date(c.applicationOpensAt) > new Date() ? "PUBLISHED" : "OPEN",
              applicationOpensAt: new Date(c.applicationOpensAt),
              applicationClosesAt: new Date(c.applicationClosesAt),
              periodFrom: date(c.periodFrom),
              periodTo: date(c.periodTo),
              notifyBy: new Date(c.notifyBy),
              confirmationDays: c.confirmationDays,
              drawAt: new Date(new Date(c.applicationClosesAt).getTime() + 3_600_000),
              algorithmVersion: "tv-draw-1",
              seedSecret: secret.toString("hex"),
              seedCommitment: createHash("sha256").update(secret).digest("hex"),
            },
          });
        }
        await tx.auditLog.create({
          data: { tenantId, actor: "system:seed", action: "tenant.seeded", entityType: "Tenant", entityId: tenantId },
        });
      }, { timeout: 60_000 });
      created.push(demo.slug);
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation || (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
  return created;
}
