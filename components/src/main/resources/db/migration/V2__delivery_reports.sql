-- What the network's status reports said about each outbound SMS: the last report wins, since a network may report
-- "still trying" before "delivered". For a long SMS this is the report of the part that came last.
ALTER TABLE outbound_sms
    ADD COLUMN delivery_status text CHECK (delivery_status IN ('delivered', 'pending', 'failed')),
    ADD COLUMN delivery_code int,
    ADD COLUMN delivery_reported_at timestamptz;

-- Status reports find their SMS by modem and message reference.
CREATE INDEX outbound_sms_modem_sent_at ON outbound_sms (modem, sent_at DESC) WHERE status = 'SENT';
