import { type CampaignDraftRow, type Database, LotteryRepository } from "@terminvergabe/db";
import type { TinyOffice } from "./booking-fixture.ts";

/**
 * A DRAFT lottery campaign of a tiny office's concern (14 confirmation days, 3 move-up days,
 * no beacon), written straight to the repository; tests name the dates they need.
 */
export function createTestCampaign(
  db: Database,
  o: TinyOffice,
  c: Pick<CampaignDraftRow, "slug" | "name" | "applicationOpensAt" | "applicationClosesAt" | "drawAt" | "periodFrom" | "periodTo" | "notifyBy">,
): Promise<string> {
  return new LotteryRepository(db).createCampaign({
    tenantId: o.tenantId,
    officeId: o.officeId,
    serviceId: o.serviceId,
    confirmationDays: 14,
    moveUpOfferDays: 3,
    beaconAnnouncement: null,
    algorithmVersion: "tv-draw-1",
    ...c,
  });
}
