import type { FreeStart } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { publicApi } from "./public.ts";

export const SlotRef = builder.objectRef<FreeStart>("Slot").implement({
  extensions: publicApi("public availability of an agency's offices"),
  description: "A free start time and the end of the appointment it begins.",
  fields: (t) => ({
    start: t.field({ type: "DateTime", resolve: (s) => s.start }),
    end: t.field({ type: "DateTime", resolve: (s) => s.end }),
  }),
});

export const TimeWindowRef = builder.objectRef<{ start: Date; end: Date }>("TimeWindow").implement({
  extensions: publicApi("public availability of an agency's offices"),
  fields: (t) => ({
    start: t.field({ type: "DateTime", resolve: (w) => w.start }),
    end: t.field({ type: "DateTime", resolve: (w) => w.end }),
  }),
});

export const RequestItemInput = builder.inputType("RequestItemInput", {
  description: "One concern of a request, with how many times it is needed (e.g. two passports).",
  fields: (t) => ({
    serviceId: t.id({ required: true }),
    quantity: t.int({ required: true, defaultValue: 1 }),
  }),
});
