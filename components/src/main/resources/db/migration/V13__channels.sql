-- Channels: every SMS leaves and arrives through a channel (a pool of modems, later an SMPP bind), each carrying
-- messages on its lines (a modem; a slot of a bind's window). The modem column keeps the line; channel names the
-- channel. Part references become text, as channels write them: a modem's 'gsm1:17' (references are per modem and
-- wrap every 256 SMS), an SMSC's message_id.
ALTER TABLE outbound_sms
    ADD COLUMN channel       text,
    ADD COLUMN part_refs     text[],
    -- routing by kind: text, or binary data
    ADD COLUMN kind          text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'binary')),
    -- a channel that could not carry this message (not its line failing: the message) handed it back: it claims it
    -- again only after avoid_until, so that another channel takes it first
    ADD COLUMN avoid_channel text,
    ADD COLUMN avoid_until   timestamptz;

-- Everything sent so far went through the modems, the one channel the hub had.
UPDATE outbound_sms SET channel = 'modems',
       part_refs = (SELECT array_agg(modem || ':' || r ORDER BY n) FROM unnest(message_refs) WITH ORDINALITY AS u(r, n))
 WHERE modem IS NOT NULL;
ALTER TABLE outbound_sms DROP COLUMN message_refs;

-- Status reports find their SMS by channel and part reference.
DROP INDEX outbound_sms_modem_sent_at;
CREATE INDEX outbound_sms_channel_sent_at ON outbound_sms (channel, sent_at DESC) WHERE status = 'SENT';

ALTER TABLE inbound_sms ADD COLUMN channel text;
UPDATE inbound_sms SET channel = 'modems';
