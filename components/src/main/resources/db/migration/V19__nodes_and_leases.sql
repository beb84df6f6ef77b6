-- Several hub nodes on one database. Each node names itself here and renews its lease (its heartbeat); a node whose
-- lease has run out is taken for dead, and what it held goes back to the queues.
CREATE TABLE hub_node (
    id           text        PRIMARY KEY,
    host         text        NOT NULL,
    pid          bigint      NOT NULL,
    http_url     text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    lease_until  timestamptz NOT NULL,
    -- stopped by a shutdown, not dead: its rows are back already
    stopped_at   timestamptz,
    -- the node holding the cluster's singletons (mailbox polling, the PBX subscription, reports), as it last said
    leader       boolean     NOT NULL DEFAULT false,
    -- its channels as it last saw them: [{"id", "kind", "lines", "ready"}]
    channels     jsonb       NOT NULL DEFAULT '[]'
);

-- A row in a node's hands carries the node's name and the end of its lease; the node renews the lease while it works
-- on the row, and any node puts back a row whose lease has run out (its node died), marked possible_duplicate.
ALTER TABLE outbound_sms ADD COLUMN node_id text, ADD COLUMN lease_until timestamptz;

-- The other queues already lease a row by pushing its next_attempt_at past the work; they now name the node too.
ALTER TABLE inbound_sms ADD COLUMN email_node text;
ALTER TABLE voicemail_notification ADD COLUMN node_id text;
ALTER TABLE kannel_dlr ADD COLUMN node_id text;
ALTER TABLE mo_delivery ADD COLUMN node_id text;
ALTER TABLE smpp_receipt ADD COLUMN node_id text;

-- A broadcast's report is claimed before it is mailed, so that a take-over by another node never mails it twice.
ALTER TABLE broadcast ADD COLUMN report_node text, ADD COLUMN report_lease_until timestamptz;
