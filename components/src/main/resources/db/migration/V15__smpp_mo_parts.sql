-- Parts of long SMS an SMSC delivers over an smpp channel, one deliver_sm each: each is committed before its
-- deliver_sm_resp, and kept here until the last one is in (across restarts), when they become one inbound SMS.
CREATE TABLE smpp_mo_part (
    id          bigserial   PRIMARY KEY,
    channel     text        NOT NULL,
    originator  text        NOT NULL,
    destination text        NOT NULL,
    ref         int         NOT NULL,
    total       smallint    NOT NULL,
    seq         smallint    NOT NULL,
    text        text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel, originator, destination, ref, total, seq)
);
