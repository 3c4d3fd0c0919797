import { checkContact, contactCheckKey, type LimitViolation, type Locale, localize, manageLinkQuietSince } from "@terminvergabe/core";
import { hashToken, MANAGE_LINK_MAIL, type ManageLinkMail, type ManageLinkRepository, newToken } from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import type { Config } from "../config.ts";
import { InputError } from "../errors/domain-errors.ts";
import { contactInputError } from "../errors/map-domain-errors.ts";
import { t } from "../i18n/messages.ts";
import { sealMail, type MailCipher } from "../mail/mail-cipher.ts";
import { renderManageLinkMail } from "../mail/render-manage-link-mail.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import { mailColors, manageUrl } from "./mail-data.ts";

/** At most this many concerns in one check (a wizard books a handful). */
export const MAX_CHECKED_SERVICES = 20;

/** What step 3 typed and which concerns were chosen. */
export interface ContactCheckArgs {
  tenant: string;
  services: readonly string[];
  email?: string | null;
  phone?: string | null;
}

/** The answer: the rule and the count that block, in the caller's language; never when or whose. */
export type ContactCheckAnswer =
  | { blocked: false }
  | { blocked: true; rule: LimitViolation["kind"]; max: number | null; message: string; manageLinks: boolean };

export interface ContactCheckDeps {
  config: Pick<Config, "publicUrl">;
  tenants: CatalogCache;
  mailCipher: MailCipher;
  clock: () => Date;
}

/**
 * The per-person limits asked at step 3 (issue 11, item 6): whether the anti-hoarding rule
 * would refuse this person's booking and why, and on request the manage links of the
 * blocking bookings, mailed to the addresses stored on those bookings. The rule is the
 * core's (`checkContact`, the same `checkBookingLimits` as at confirmation).
 */
export class ContactCheckService {
  constructor(
    private readonly deps: ContactCheckDeps,
    private readonly repository: ManageLinkRepository,
    private readonly onMailQueued: () => void,
  ) {}

  private async read(caller: Caller, args: ContactCheckArgs) {
    const tenant = await caller.tenantBySlug(args.tenant);
    if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
    if (args.services.length === 0) throw new InputError("EMPTY_REQUEST", "services");
    if (args.services.length > MAX_CHECKED_SERVICES) throw new InputError("TOO_MANY_IDS", "services", { max: MAX_CHECKED_SERVICES });
    const services = await this.deps.tenants.services(tenant.id);
    if (!args.services.every((id) => services.some((s) => s.id === id))) throw new InputError("UNKNOWN_SERVICE", "services");
    const key = contactCheckKey(args);
    if (!key.ok) throw contactInputError(key.error);
    const now = this.deps.clock();
    const person = await this.repository.person(tenant.id, key.value, now);
    const check = checkContact(person.live, person.noShowStarts, args.services, tenant.policy, now);
    return { tenant, services, person, check, now };
  }

  async check(caller: Caller, args: ContactCheckArgs): Promise<ContactCheckAnswer> {
    const { services, check } = await this.read(caller, args);
    if (!check.blocked) return { blocked: false };
    const { violation } = check;
    const locale: Locale = caller.locale;
    switch (violation.kind) {
      case "TOO_MANY_ACTIVE_BOOKINGS":
        return {
          blocked: true,
          rule: violation.kind,
          max: violation.max,
          message: t("CONTACT_TOO_MANY_ACTIVE", locale, { count: check.openBookings, max: violation.max }),
          manageLinks: true,
        };
      case "SAME_SERVICE_ALREADY_BOOKED": {
        const service = services.find((s) => s.id === violation.serviceId);
        return {
          blocked: true,
          rule: violation.kind,
          max: 1,
          message: t("CONTACT_SAME_SERVICE", locale, { service: service ? localize(service.name, locale) : "" }),
          manageLinks: true,
        };
      }
      case "TOO_MANY_NO_SHOWS":
        return { blocked: true, rule: violation.kind, max: violation.limit, message: t("CONTACT_TOO_MANY_NO_SHOWS", locale, { limit: violation.limit }), manageLinks: false };
      default: {
        const unreachable: never = violation;
        throw new Error(`unmapped limit ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * Queues, for each booking that blocks this person, a mail with a new manage link to the
   * address stored on that booking — never to the address typed now. Answers the same
   * whether anything was sent or not, so nobody learns from it whose contact data these are.
   */
  async sendManageLinks(caller: Caller, args: ContactCheckArgs): Promise<void> {
    const { tenant, services, person, check, now } = await this.read(caller, args);
    if (!check.blocked || check.blockingIds.length === 0) return;
    const offices = await this.deps.tenants.offices(tenant.id);
    const links: ManageLinkMail[] = [];
    for (const booking of person.live) {
      const office = offices.find((o) => o.id === booking.officeId);
      if (!check.blockingIds.includes(booking.id) || !booking.contactEmail || !booking.reference || !office) continue;
      const token = newToken();
      const mail = renderManageLinkMail({
        tenant: { name: tenant.name, colors: mailColors(tenant.theme) },
        office: { name: office.name, timeZone: office.timeZone },
        booking: { reference: booking.reference, start: booking.start, contactName: booking.contactName ?? "", contactEmail: booking.contactEmail },
        services: booking.serviceIds.flatMap((id) => services.find((s) => s.id === id)?.name ?? []),
        manageUrl: manageUrl(this.deps.config.publicUrl, tenant.slug, booking.reference, token),
      });
      links.push({ bookingId: booking.id, tokenHash: hashToken(token), mail: { kind: MANAGE_LINK_MAIL, ...sealMail(this.deps.mailCipher, mail) } });
    }
    if ((await this.repository.queue(tenant.id, links, now, manageLinkQuietSince(now))) > 0) this.onMailQueued();
  }
}
