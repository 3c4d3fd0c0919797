import type { OfficeInfo, ServiceInfo, Tenant } from "@terminvergabe/core";
import type { TenantRepository } from "@terminvergabe/db";
import { TtlCache } from "./ttl-cache.ts";

/**
 * Agencies, offices and concerns change rarely but are read on every request: keep them
 * for a few seconds instead of asking the database each time. Same API as the repository.
 */
export class CatalogCache {
  private readonly tenantsBySlug: TtlCache<string, Tenant | null>;
  private readonly tenantsById: TtlCache<string, Tenant | null>;
  private readonly officeLists: TtlCache<string, OfficeInfo[]>;
  private readonly serviceLists: TtlCache<string, ServiceInfo[]>;

  constructor(
    private readonly repository: TenantRepository,
    ttlMs = 5_000,
  ) {
    this.tenantsBySlug = new TtlCache(ttlMs);
    this.tenantsById = new TtlCache(ttlMs);
    this.officeLists = new TtlCache(ttlMs);
    this.serviceLists = new TtlCache(ttlMs);
  }

  bySlug(slug: string): Promise<Tenant | null> {
    return this.tenantsBySlug.get(slug, () => this.repository.bySlug(slug));
  }

  byId(id: string): Promise<Tenant | null> {
    return this.tenantsById.get(id, () => this.repository.byId(id));
  }

  list(): Promise<Tenant[]> {
    return this.repository.list();
  }

  allAllowedOrigins(): Promise<Set<string>> {
    return this.repository.allAllowedOrigins();
  }

  offices(tenantId: string): Promise<OfficeInfo[]> {
    return this.officeLists.get(tenantId, () => this.repository.offices(tenantId));
  }

  async services(tenantId: string, options: { onlineOnly?: boolean } = {}): Promise<ServiceInfo[]> {
    const all = await this.serviceLists.get(tenantId, () => this.repository.services(tenantId));
    return options.onlineOnly ? all.filter((s) => s.onlineBookable) : all;
  }

  servicesOfOffice(tenantId: string, officeId: string): Promise<ServiceInfo[]> {
    return this.repository.servicesOfOffice(tenantId, officeId);
  }

  /** Forget everything (after a configuration change, and in tests). */
  clear(): void {
    for (const cache of [this.tenantsBySlug, this.tenantsById, this.officeLists, this.serviceLists]) cache.clear();
  }
}
