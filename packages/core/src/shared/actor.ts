/**
 * Who makes a change. The domain needs it for the status history and the audit log and to
 * tell citizen rules (cut-offs, online-bookable concerns) from staff rules.
 */
export type Actor =
  | { readonly kind: "citizen" }
  | { readonly kind: "customer"; readonly tenantId: string; readonly customerId: string }
  | { readonly kind: "staff"; readonly tenantId: string; readonly userId: string }
  | { readonly kind: "system"; readonly job: string };

/** An anonymous citizen in the public booking flow. */
export const CITIZEN: Actor = Object.freeze({ kind: "citizen" });

/** The actor as written to the status history and audit log ("citizen", "staff:<id>", …). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "citizen":
      return "citizen";
    case "customer":
      return `customer:${actor.customerId}`;
    case "staff":
      return `staff:${actor.userId}`;
    case "system":
      return `system:${actor.job}`;
    default: {
      const unreachable: never = actor;
      throw new Error(`unknown actor ${JSON.stringify(unreachable)}`);
    }
  }
}
