-- Click-to-call: the PBX rings the agent's phone, then dials the customer. One row per call asked for, whether or not
-- it could be placed; its states with their times in call_state (the row holds the latest, and the times that give
-- its duration).

-- The signed-in user's own phone (an extension of the PBX: 1001), the agent of the calls they ask for without naming one.
ALTER TABLE app_user ADD COLUMN extension text CHECK (extension ~ '^[0-9A-Za-z*#+_.-]{1,32}$');

CREATE TABLE call (
    id           bigserial   PRIMARY KEY,
    -- how the hub asked the PBX: ami (Asterisk's manager) or sip (third-party call control)
    way          text        NOT NULL CHECK (way IN ('ami', 'sip')),
    -- the hub node that placed it and follows it (its manager session); a node that starts again gives up its own
    -- calls still open, their events lost with the session
    node_id      text,
    requested_by text,
    agent        text        NOT NULL,
    customer     e164        NOT NULL,
    state        text        NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'agent-ringing',
                                 'agent-answered', 'customer-ringing', 'connected', 'ended', 'failed')),
    -- why it ended or failed (pbx-unreachable, agent-busy, customer-no-answer, customer-hung-up, ...), and the PBX's
    -- Q.850 cause code when it gave one
    cause        text,
    cause_code   int,
    detail       text,
    requested_at timestamptz NOT NULL DEFAULT now(),
    connected_at timestamptz,
    ended_at     timestamptz,
    CHECK ((state IN ('ended', 'failed')) = (ended_at IS NOT NULL))
);

CREATE INDEX call_requested ON call (requested_at DESC, id DESC);
CREATE INDEX call_customer ON call (customer, requested_at DESC);
CREATE INDEX call_open ON call (node_id) WHERE state NOT IN ('ended', 'failed');

CREATE TABLE call_state (
    id         bigserial   PRIMARY KEY,
    call_id    bigint      NOT NULL REFERENCES call (id) ON DELETE CASCADE,
    state      text        NOT NULL,
    at         timestamptz NOT NULL,
    cause      text,
    cause_code int,
    detail     text
);

CREATE INDEX call_state_call ON call_state (call_id, id);
