import type { OfficeInfo, ServiceInfo, Tenant } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import { toOffice, toService, toTenant } from "./mappers.ts";

/** Read access to agencies and their catalogue. Every method after bySlug is tenant-scoped. */
export class TenantRepository {
  constructor(private readonly db: Database) {}

  async bySlug(slug: string): Promise<Tenant | null> {
    const row = await this.db.prisma.tenant.findUnique({ where: { slug } });
    return row ? toTenant(row) : null;
  }

  async byId(id: string): Promise<Tenant | null> {
    const row = await this.db.prisma.tenant.findUnique({ where: { id } });
    return row ? toTenant(row) : null;
  }

  async list(): Promise<Tenant[]> {
    const rows = await this.db.prisma.tenant.findMany({ orderBy: { slug: "asc" } });
    return rows.map(toTenant);
  }

  /** Every origin any tenant allows, for the widget bundle's CORS. */
  async allAllowedOrigins(): Promise<Set<string>> {
    const rows = await this.db.prisma.tenant.findMany({ select: { allowedOrigins: true } });
    return new Set(rows.flatMap((row) => row.allowedOrigins));
  }

  async offices(tenantId: string): Promise<OfficeInfo[]> {
    const rows = await this.db.prisma.office.findMany({
      where: { tenantId },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
    });
    return rows.map(toOffice);
  }

  async services(tenantId: string, options: { onlineOnly?: boolean } = {}): Promise<ServiceInfo[]> {
    const rows = await this.db.prisma.service.findMany({
      where: { tenantId, active: true, ...(options.onlineOnly ? { onlineBookable: true } : {}) },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
    });
    return rows.map(toService);
  }

  /** Services some active counter of the office can serve. */
  async servicesOfOffice(tenantId: string, officeId: string): Promise<ServiceInfo[]> {
    const rows = await this.db.prisma.service.findMany({
      where: { tenantId, active: true, counters: { some: { counter: { officeId, active: true } } } },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
    });
    return rows.map(toService);
  }
}
