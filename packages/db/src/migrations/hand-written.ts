/**
 * Database objects the migrations add by hand because Prisma's schema language cannot
 * express them. The drift test expects exactly these beyond what schema.prisma describes.
 */
export const HAND_WRITTEN_CONSTRAINTS = [
  "Booking_no_overlap",
  "Booking_time_order",
  "Booking_hold_has_expiry",
  "BookingItem_quantity_positive",
  "Service_duration_positive",
  "CampaignSlot_time_order",
  "Session_one_subject",
] as const;

/** Partial and expression indexes (migrations 0003_outbox_due_index, 0005_jobs, 0008_staff, 0008_staff_live). */
export const HAND_WRITTEN_INDEXES = ["MailOutbox_due_idx", "Job_due_idx", "Booking_name_search_idx", "Booking_open_past_idx"] as const;

export const HAND_WRITTEN_EXTENSIONS = ["btree_gist"] as const;

/**
 * Functions of the confirmation's person guard (migration 0002_person_guard) and of the
 * per-counter write lock (0004_counter_write_lock), the job queue's tv_add_job (0005_jobs) and
 * the one-round-trip hold claim (0017_claim_hold), sorted by name.
 */
export const HAND_WRITTEN_FUNCTIONS = ["tv_add_job", "tv_claim_hold", "tv_lock_counter_write", "tv_lock_person", "tv_person_bookings", "tv_person_digest"] as const;

/** Triggers (0004_counter_write_lock), as `table.trigger`. */
export const HAND_WRITTEN_TRIGGERS = ["Booking.Booking_counter_write_lock"] as const;
