import { t as translate } from "../i18n/messages.ts";
import type { ContactCheckAnswer } from "../booking/contact-check-service.ts";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import { publicApi } from "./public.ts";

const PersonLimitRuleEnum = builder.enumType("PersonLimitRule", {
  description: "Which anti-hoarding rule blocks a person (per e-mail address or phone number).",
  values: {
    TOO_MANY_ACTIVE_BOOKINGS: { description: "At most `max` open appointments per person." },
    SAME_SERVICE_ALREADY_BOOKED: { description: "At most one open appointment per concern and person." },
    TOO_MANY_NO_SHOWS: { description: "At least `max` recently missed appointments: online booking is closed for the person." },
  } as const,
});

const ContactCheckRef = builder.objectRef<ContactCheckAnswer>("ContactCheck").implement({
  extensions: publicApi("tells only whether a rule blocks and why (rule and count), never when, where or whose the bookings are"),
  description: "Whether the per-person limits would refuse a booking with this contact information.",
  fields: (t) => ({
    blocked: t.exposeBoolean("blocked"),
    rule: t.field({ type: PersonLimitRuleEnum, nullable: true, resolve: (c) => (c.blocked ? c.rule : null) }),
    max: t.int({ nullable: true, description: "The rule's number (open appointments, or missed ones).", resolve: (c) => (c.blocked ? c.max : null) }),
    message: t.string({ nullable: true, description: "What blocks and why, in the request's language (German or English).", resolve: (c) => (c.blocked ? c.message : null) }),
    manageLinks: t.boolean({
      description: "Whether sendManageLinks can help: the blocking bookings' manage links can be mailed to their owners.",
      resolve: (c) => c.blocked && c.manageLinks,
    }),
  }),
});

const ManageLinksRequestedRef = builder.objectRef<{ message: string }>("ManageLinksRequested").implement({
  extensions: publicApi("the same answer whether or not anything was sent"),
  fields: (t) => ({ message: t.exposeString("message") }),
});

const ContactCheckInput = builder.inputType("ContactCheckInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    services: t.idList({ required: true, description: "The chosen concerns (Service ids), at most 20." }),
    email: t.string({ required: false }),
    phone: t.string({ required: false, description: "E-mail, phone or both; a person is known by either." }),
  }),
});

builder.queryField("contactCheck", (t) =>
  t.field({
    extensions: publicApi("step 3 of the public wizard; rate-limited like the booking operations; answers the rule, not the bookings"),
    type: ContactCheckRef,
    description: "Asks at step 3 whether the per-person limits would refuse booking these concerns with this contact information, and why.",
    errors: { types: [InputError], directResult: true, union: { name: "ContactCheckResult" } },
    args: { input: t.arg({ type: ContactCheckInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.contactCheck.check(callerOf(ctx), { ...input, services: input.services.map(String) }),
  }),
);

builder.mutationField("sendManageLinks", (t) =>
  t.field({
    extensions: publicApi("mails only to the addresses stored on the blocking bookings; the same answer whether anything was sent; rate-limited"),
    type: ManageLinksRequestedRef,
    description:
      "Mails the manage links of the bookings that block this contact information (contactCheck) to the e-mail addresses stored on those bookings — never to the address given here.",
    errors: { types: [InputError], directResult: true, union: { name: "SendManageLinksResult" } },
    args: { input: t.arg({ type: ContactCheckInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.services.contactCheck.sendManageLinks(callerOf(ctx), { ...input, services: input.services.map(String) });
      return { message: translate("MANAGE_LINKS_REQUESTED", ctx.locale) };
    },
  }),
);
