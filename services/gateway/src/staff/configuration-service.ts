import {
  actorLabel,
  type Actor,
  changeTenantPolicy,
  checkThemeContrast,
  type ConcernInput,
  type ConfigurationResult,
  type CounterInput,
  decideCounterChange,
  type Locale,
  type OfficeInput,
  type OpeningRuleInput,
  parseTenantPolicy,
  type StaffRole,
  type Tenant,
  type TenantPolicy,
  type TextInput,
  validateAllowedOrigins,
  validateConcernInput,
  validateCounterInput,
  validateLegalLinks,
  validateOfficeInput,
  validateOpeningRuleInput,
  validateTheme,
} from "@terminvergabe/core";
import {
  type ClosureRecord,
  type ConcernRecord,
  type ConfigurationOutcome,
  type ConfigurationRepository,
  type CounterRecord,
  hashPassword,
  hashToken,
  newToken,
  type OfficeRecord,
  type OpeningRuleRecord,
  type StaffAccount,
  type StaffUserRepository,
  type TenantSettingsRecord,
} from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import { CounterHasBookings, DomainError, InputError } from "../errors/domain-errors.ts";
import { ThemeContrastTooLow } from "../errors/theme-contrast-error.ts";
import { configurationError, policyError, refusalError } from "../errors/map-configuration-errors.ts";
import { MIN_PASSWORD_LENGTH } from "../identity/customer-accounts.ts";
import { MAX_PASSWORD_LENGTH } from "../identity/password.ts";
import type { Logger } from "../logger.ts";
import { type MailCipher, sealMail } from "../mail/mail-cipher.ts";
import type { PubSub } from "../pubsub.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import type { SchedulingService } from "../scheduling/scheduling-service.ts";
import { publishConfigurationChange } from "./configuration-changes.ts";
import { renderStaffInvitationMail } from "./staff-invitation-mail.ts";

/** How long an invitation's set-password link holds. */
export const INVITATION_HOURS = 72;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Everything an admin configures, as the configuration screen reads it. */
export interface TenantConfiguration {
  tenantId: string;
  settings: TenantSettingsRecord & { policy: TenantPolicy };
  offices: OfficeRecord[];
  counters: CounterRecord[];
  openingRules: OpeningRuleRecord[];
  closures: ClosureRecord[];
  concerns: ConcernRecord[];
}

/** A change of some fields; absent (or null, for required fields) ones keep their value. */
export type Change<T> = { [K in keyof T]?: T[K] | null };

export interface ConfigurationServiceDeps {
  logger: Logger;
  pubsub: PubSub;
  tenants: CatalogCache;
  scheduling: SchedulingService;
  clock: () => Date;
  publicUrl: string;
  kickOutbox: () => void;
  /** Seals the invitation mail at rest (its link sets a password). */
  mailCipher?: MailCipher;
}

function staffActor(caller: Caller): Extract<Actor, { kind: "staff" }> {
  if (caller.actor.kind !== "staff") throw new Error("a configuration change without a staff caller");
  return caller.actor;
}

/** The fields of `change` that are set, over `current`. */
function merged<T extends object>(current: T, change: Change<T>): T {
  const out = { ...current };
  for (const [key, value] of Object.entries(change)) if (value !== undefined && value !== null) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** A core check as a repository decision: the rejection becomes the translated input error. */
function decided<T>(result: ConfigurationResult<T>): { ok: true; value: T } | { ok: false; error: InputError } {
  return result.ok ? result : { ok: false, error: configurationError(result.error) };
}

const textOf = (t: { de: string; en: string } | null): TextInput | null => (t ? { de: t.de, en: t.en } : null);

/**
 * The agency's configuration (admins): offices, counters and their concerns, concerns,
 * opening rules, policy, embed origins, theme and legal links — and staff invitations.
 * Rules are the core's validators; each write is one audited transaction that decides on
 * the state it read; every change reaches citizens at once (caches dropped on every
 * instance, open calendars recomputed).
 */
export class ConfigurationService {
  constructor(
    private readonly deps: ConfigurationServiceDeps,
    private readonly repository: ConfigurationRepository,
    private readonly staffUsers: StaffUserRepository,
  ) {}

  private audit(caller: Caller, tenant: Tenant) {
    return { tenantId: tenant.id, actor: actorLabel(staffActor(caller)), now: this.deps.clock() };
  }

  /** The write's value, or its refusal as a typed error; then the change goes out. */
  private async done<T>(outcome: Promise<ConfigurationOutcome<T, InputError | CounterHasBookings>>, offices: (value: T) => readonly string[] | Promise<readonly string[]>): Promise<T> {
    const result = await outcome;
    if (!result.ok) throw result.error instanceof DomainError ? result.error : refusalError(result.error);
    publishConfigurationChange(this.deps, await offices(result.value));
    return result.value;
  }

  private async allOffices(tenant: Tenant): Promise<string[]> {
    return (await this.deps.tenants.offices(tenant.id)).map((o) => o.id);
  }

  private async officeId(tenant: Tenant, ref: string): Promise<string> {
    return (await this.deps.scheduling.office(tenant, ref)).office.id;
  }

  async configuration(tenant: Tenant): Promise<TenantConfiguration> {
    // Closures that ended more than a day ago are history (the audit log keeps them).
    const since = new Date(this.deps.clock().getTime() - 86_400_000);
    const [all, settings] = await Promise.all([this.repository.configuration(tenant.id, since), this.repository.settings(tenant.id)]);
    if (!settings) throw new Error(`tenant ${tenant.id} vanished`);
    return {
      tenantId: tenant.id,
      settings: { ...settings, policy: parseTenantPolicy(settings.policy) },
      offices: all.offices,
      counters: all.counters,
      openingRules: all.rules,
      closures: all.closures,
      concerns: all.concerns,
    };
  }

  // ---- offices -------------------------------------------------------------------------

  createOffice(caller: Caller, tenant: Tenant, input: OfficeInput): Promise<OfficeRecord> {
    const valid = validateOfficeInput(input);
    if (!valid.ok) throw configurationError(valid.error);
    return this.done(this.repository.createOffice<InputError>(this.audit(caller, tenant), valid.value), (o) => [o.id]);
  }

  updateOffice(caller: Caller, tenant: Tenant, id: string, change: Change<OfficeInput>): Promise<OfficeRecord> {
    return this.done(
      this.repository.updateOffice<InputError>(this.audit(caller, tenant), id, (current) =>
        decided(
          validateOfficeInput(
            merged<OfficeInput>(
              { ...current, ...current.address, holidayRegion: current.holidayRegion, phoneHours: textOf(current.notes.phoneHours ?? null) },
              change,
            ),
          ),
        ),
      ),
      (o) => [o.id],
    );
  }

  deleteOffice(caller: Caller, tenant: Tenant, id: string): Promise<OfficeRecord> {
    return this.done(this.repository.deleteOffice(this.audit(caller, tenant), id), (o) => [o.id]);
  }

  // ---- counters ------------------------------------------------------------------------

  async createCounter(caller: Caller, tenant: Tenant, officeRef: string, input: Change<CounterInput> & { name: string }): Promise<CounterRecord> {
    const valid = validateCounterInput(merged<CounterInput>({ name: "", active: true, serviceIds: [] }, input));
    if (!valid.ok) throw configurationError(valid.error);
    const officeId = await this.officeId(tenant, officeRef);
    return this.done(this.repository.createCounter<InputError>(this.audit(caller, tenant), officeId, valid.value), (c) => [c.officeId]);
  }

  /** Renames, (de)activates or re-assigns a counter; one with live bookings ahead is not deactivated (core `decideCounterChange`). */
  updateCounter(caller: Caller, tenant: Tenant, id: string, change: Change<CounterInput>): Promise<CounterRecord> {
    return this.done(
      this.repository.updateCounter<InputError | CounterHasBookings>(this.audit(caller, tenant), id, (current, futureLiveBookings) => {
        const valid = decided(validateCounterInput(merged<CounterInput>(current, change)));
        if (!valid.ok) return valid;
        const allowed = decideCounterChange(current, valid.value, futureLiveBookings);
        return allowed.ok ? valid : { ok: false, error: new CounterHasBookings(allowed.error.bookings) };
      }),
      (c) => [c.officeId],
    );
  }

  deleteCounter(caller: Caller, tenant: Tenant, id: string): Promise<CounterRecord> {
    return this.done(this.repository.deleteCounter(this.audit(caller, tenant), id), (c) => [c.officeId]);
  }

  // ---- concerns ------------------------------------------------------------------------

  createConcern(caller: Caller, tenant: Tenant, input: ConcernInput): Promise<ConcernRecord> {
    const valid = validateConcernInput(input);
    if (!valid.ok) throw configurationError(valid.error);
    return this.done(this.repository.createConcern<InputError>(this.audit(caller, tenant), valid.value), () => this.allOffices(tenant));
  }

  updateConcern(caller: Caller, tenant: Tenant, id: string, change: Change<ConcernInput>): Promise<ConcernRecord> {
    return this.done(
      this.repository.updateConcern<InputError>(this.audit(caller, tenant), id, (current) => decided(validateConcernInput(merged<ConcernInput>(current, change)))),
      () => this.allOffices(tenant),
    );
  }

  deleteConcern(caller: Caller, tenant: Tenant, id: string): Promise<ConcernRecord> {
    return this.done(this.repository.deleteConcern(this.audit(caller, tenant), id), () => this.allOffices(tenant));
  }

  // ---- opening rules -------------------------------------------------------------------

  async createOpeningRule(caller: Caller, tenant: Tenant, officeRef: string, input: OpeningRuleInput): Promise<OpeningRuleRecord> {
    const valid = validateOpeningRuleInput(input);
    if (!valid.ok) throw configurationError(valid.error);
    const officeId = await this.officeId(tenant, officeRef);
    return this.done(this.repository.createOpeningRule<InputError>(this.audit(caller, tenant), officeId, valid.value), (r) => [r.officeId]);
  }

  updateOpeningRule(caller: Caller, tenant: Tenant, id: string, change: Change<OpeningRuleInput>): Promise<OpeningRuleRecord> {
    return this.done(
      this.repository.updateOpeningRule<InputError>(this.audit(caller, tenant), id, (current) =>
        decided(validateOpeningRuleInput(merged<OpeningRuleInput>({ ...current, note: textOf(current.note) }, change))),
      ),
      (r) => [r.officeId],
    );
  }

  deleteOpeningRule(caller: Caller, tenant: Tenant, id: string): Promise<OpeningRuleRecord> {
    return this.done(this.repository.deleteOpeningRule(this.audit(caller, tenant), id), (r) => [r.officeId]);
  }

  // ---- agency-wide settings ------------------------------------------------------------

  /** Changes some policy settings; the whole policy must stay consistent (core `changeTenantPolicy`). */
  updateTenantPolicy(caller: Caller, tenant: Tenant, change: Partial<TenantPolicy>): Promise<TenantSettingsRecord> {
    return this.done(
      this.repository.updateSettings<InputError>(this.audit(caller, tenant), "policy", (current) => {
        const next = changeTenantPolicy(parseTenantPolicy(current.policy), change);
        return next.ok ? { ok: true, value: { policy: next.value } } : { ok: false, error: policyError(next.error) };
      }),
      () => this.allOffices(tenant),
    );
  }

  updateAllowedOrigins(caller: Caller, tenant: Tenant, origins: readonly string[]): Promise<TenantSettingsRecord> {
    const valid = validateAllowedOrigins(origins);
    if (!valid.ok) throw configurationError(valid.error);
    return this.done(
      this.repository.updateSettings<InputError>(this.audit(caller, tenant), "allowedOrigins", () => ({ ok: true, value: { allowedOrigins: valid.value } })),
      () => this.allOffices(tenant),
    );
  }

  updateTheme(caller: Caller, tenant: Tenant, theme: readonly { name: string; value: string }[]): Promise<TenantSettingsRecord> {
    const valid = validateTheme(Object.fromEntries(theme.map((v) => [v.name, v.value])));
    if (!valid.ok) throw configurationError(valid.error);
    const readable = checkThemeContrast(valid.value);
    if (!readable.ok) throw new ThemeContrastTooLow(readable.error);
    return this.done(
      this.repository.updateSettings<InputError>(this.audit(caller, tenant), "theme", () => ({ ok: true, value: { theme: valid.value } })),
      () => this.allOffices(tenant),
    );
  }

  /** Sets the legal links given (an empty string removes one); absent ones stay. */
  updateLegalLinks(caller: Caller, tenant: Tenant, links: { imprintUrl?: string | null; privacyUrl?: string | null }): Promise<TenantSettingsRecord> {
    return this.done(
      this.repository.updateSettings<InputError>(this.audit(caller, tenant), "legalLinks", (current) => {
        const valid = validateLegalLinks({ imprintUrl: links.imprintUrl ?? current.imprintUrl, privacyUrl: links.privacyUrl ?? current.privacyUrl });
        return valid.ok ? { ok: true, value: valid.value } : { ok: false, error: configurationError(valid.error) };
      }),
      () => this.allOffices(tenant),
    );
  }

  // ---- staff invitations ---------------------------------------------------------------

  /**
   * Invites a colleague by e-mail: the user exists at once (no password), the mail with a
   * single-use set-password link goes through the outbox; the token is stored only hashed.
   */
  async inviteStaffUser(caller: Caller, tenant: Tenant, input: { email: string; name: string; role: StaffRole; locale?: Locale | null; invitedBy: string }): Promise<StaffAccount> {
    const actor = staffActor(caller);
    const email = input.email.trim();
    const name = input.name.trim();
    if (email.length > 254 || !EMAIL.test(email)) throw new InputError("EMAIL_INVALID", "email");
    if (!name) throw new InputError("NAME_REQUIRED", "name");
    if (name.length > 200) throw new InputError("NAME_TOO_LONG", "name");
    const now = this.deps.clock();
    const token = newToken();
    const locale = input.locale ?? tenant.locale;
    const link = `${this.deps.publicUrl}/desk/${encodeURIComponent(tenant.slug)}/set-password#token=${token}`;
    const result = await this.staffUsers.invite({
      tenantId: tenant.id,
      email,
      name,
      role: input.role,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3_600_000),
      now,
      actor: actorLabel(actor),
      mail: ((mail) => (this.deps.mailCipher ? sealMail(this.deps.mailCipher, mail) : mail))(
        renderStaffInvitationMail({ to: { email, name }, locale, agency: tenant.name[locale] || tenant.name.de, invitedBy: input.invitedBy, role: input.role, link, hours: INVITATION_HOURS }),
      ),
    });
    if (result === "EMAIL_TAKEN") throw new InputError("STAFF_EMAIL_TAKEN", "email");
    this.deps.kickOutbox();
    this.deps.logger.info("staff.invited", { tenantId: tenant.id, userId: result.id });
    return result;
  }

  /** The invitation link's token, used once, sets the password; the user then signs in as usual. */
  async acceptStaffInvitation(tenant: Tenant, token: string, password: string): Promise<StaffAccount> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_SHORT", "password", { min: MIN_PASSWORD_LENGTH });
    if (password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", "password");
    const tokenHash = token.length > 0 && token.length <= 200 ? hashToken(token) : null;
    // The password's KDF costs a quarter second of CPU: only for a link that is still open.
    if (!tokenHash || !(await this.staffUsers.invitationOpen(tenant.id, tokenHash, this.deps.clock()))) throw new InputError("INVITATION_LINK_INVALID", "token");
    const user = await this.staffUsers.acceptInvitation(tenant.id, tokenHash, await hashPassword(password), this.deps.clock());
    if (!user) throw new InputError("INVITATION_LINK_INVALID", "token");
    return user;
  }

  pendingInvitations(tenant: Tenant): Promise<Map<string, Date>> {
    return this.staffUsers.pendingInvitations(tenant.id);
  }
}
