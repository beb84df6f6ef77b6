-- How often an outbound SMS went back to the queue because a modem failed (not the recipient): bounded, so an SMS that
-- fails on every modem (or times out on each after the PDU was handed over) does not go round them forever.
ALTER TABLE outbound_sms ADD COLUMN requeues int NOT NULL DEFAULT 0;
