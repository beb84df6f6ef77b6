-- Status reports and SMPP receipts find their SMS by part reference. The (channel, sent_at) index alone made each
-- lookup walk back over every SMS the channel sent after the one reported: cheap for a modem (a report comes seconds
-- after its SMS), ruinous for an SMSC whose receipts trail thousands of submits (14 ms a receipt at 6,000 sent, and
-- growing). A GIN index on the references finds the SMS whatever its age. fastupdate off: a lookup never scans a
-- pending list, and an SMS gets its references once, when it is sent.
CREATE INDEX outbound_sms_part_refs ON outbound_sms USING gin (part_refs) WITH (fastupdate = off) WHERE status = 'SENT';
