import { builder } from "../builder.ts";

// Test subscription that proves the graphql-ws wiring end to end.
// TODO(issue 4): remove once availabilityChanged/slotsChanged exist.
builder.subscriptionField("heartbeat", (t) =>
  t.string({
    description: "Emits the server time `count` times (1–5), once per published heartbeat. For wiring tests.",
    args: { count: t.arg.int({ required: true }) },
    subscribe: async function* (_root, args, ctx) {
      const count = Math.min(Math.max(args.count, 1), 5);
      let seen = 0;
      for await (const event of ctx.services.pubsub.subscribe("heartbeat")) {
        yield event.at;
        if (++seen >= count) return;
      }
    },
    resolve: (at: string) => at,
  }),
);
