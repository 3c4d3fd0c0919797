/**
 * Terminvergabe booking widget. One script tag registers `<terminvergabe-booking>`:
 *
 *   <script type="module" src="https://<gateway>/widget.js"></script>
 *   <terminvergabe-booking tenant="demo-buergerbuero" lang="de"></terminvergabe-booking>
 */
export { TerminvergabeBooking } from "./components/booking/booking.ts";
export type * from "./lib/events.ts";
