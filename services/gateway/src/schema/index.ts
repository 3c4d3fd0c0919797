import { builder } from "../builder.ts";
import "./scalars.ts";
import "./localized.ts";
import "./service.ts";
import "./office.ts";
import "./tenant.ts";
import "./slot.ts";
import "./errors.ts";
import "./availability.ts";
import "./booking.ts";
import "./hold.ts";
import "./waiting-room.ts";
import "./live.ts";
import "./viewer.ts";
import "./staff-desk.ts";
import "./staff-booking.ts";
import "./staff-mass-cancellation.ts";

export const schema = builder.toSchema({ sortSchema: false });
