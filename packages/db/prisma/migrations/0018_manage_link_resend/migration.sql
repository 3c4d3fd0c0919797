-- "Send me the manage link" (issue 11, item 6): a person whom the anti-hoarding limits block
-- at step 3 may have the manage links of the blocking bookings mailed to the address stored
-- on those bookings. The original manage token is stored only hashed, so the mail carries a
-- new token; its hash is kept here (the original link keeps working). A later request
-- replaces it.
ALTER TABLE "Booking" ADD COLUMN "resentTokenHash" TEXT;
