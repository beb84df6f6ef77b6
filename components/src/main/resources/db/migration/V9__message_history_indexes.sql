-- The history (GET /api/messages) lists inbound and outbound SMS newest first and by number: without these, every page
-- sorts both tables whole.
CREATE INDEX inbound_sms_received_at ON inbound_sms (received_at DESC, id DESC);
CREATE INDEX inbound_sms_originator ON inbound_sms (originator, received_at DESC);
CREATE INDEX outbound_sms_created_at ON outbound_sms (created_at DESC, id DESC);
CREATE INDEX outbound_sms_recipient ON outbound_sms (recipient, created_at DESC);
