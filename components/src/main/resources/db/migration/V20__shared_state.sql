-- What the nodes behind one load balancer must agree on, moved out of each node's memory: the dashboard's sessions,
-- the rate limits (API callers, wrong passwords, SMPP accounts' throughput), the live SMPP binds of each account, and
-- a count of changes to users and keys that tells every node when its cache of verified credentials is stale.

-- The dashboard's sessions. The cookie's token is never stored, only its SHA-256: whoever reads the database (or a
-- backup of it) cannot sign in with what they find. The CSRF token is derived from the cookie's token (see Sessions)
-- and is not stored either. A session ends after the hub's idle time without a request, on sign-out, and when its
-- user's password or role changes (the trigger below, whatever changed it: the API, the CLI, another node).
CREATE TABLE dashboard_session (
    token_sha256 text        PRIMARY KEY,
    user_name    text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'staff')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX dashboard_session_user ON dashboard_session (user_name, last_seen_at);
CREATE INDEX dashboard_session_seen ON dashboard_session (last_seen_at);

-- Token buckets shared by the nodes: a bucket holds tokens (up to its burst) as of its time at, and refills at its
-- rate from then on. A missing row is a full bucket, so a row full again (full_at passed) may be deleted at any time.
-- Nodes take tokens in slices (RateLimiter) and give back what they did not spend.
CREATE TABLE rate_bucket (
    bucket  text             PRIMARY KEY,
    tokens  double precision NOT NULL,
    at      timestamptz      NOT NULL,
    full_at timestamptz      NOT NULL
);

CREATE INDEX rate_bucket_full ON rate_bucket (full_at);

-- Takes up to p_want whole tokens from a bucket (refilled at p_rate a second up to p_burst) after giving back p_back
-- unspent ones, in one statement and under the row's lock, so that nodes taking at once never share a token.
-- Answers what was granted and, when nothing was, the seconds until one token is there.
CREATE FUNCTION rate_take(p_bucket text, p_rate double precision, p_burst double precision, p_want int, p_back int)
    RETURNS TABLE (granted int, wait_seconds double precision) LANGUAGE plpgsql AS $$
DECLARE
    held  double precision;
    since timestamptz;
    have  double precision;
BEGIN
    LOOP
        SELECT b.tokens, b.at INTO held, since FROM rate_bucket b WHERE b.bucket = p_bucket FOR UPDATE;
        IF FOUND THEN
            have := least(p_burst, held + p_back + p_rate * greatest(0, extract(epoch FROM now() - since)));
            granted := greatest(0, least(p_want, floor(have)))::int;
            UPDATE rate_bucket SET tokens = have - granted, at = now(),
                   full_at = now() + make_interval(secs => (p_burst - (have - granted)) / p_rate)
             WHERE bucket = p_bucket;
            EXIT;
        END IF;
        -- no row: a full bucket; should another node insert it first, take from its row instead
        have := p_burst;
        granted := greatest(0, least(p_want, floor(have)))::int;
        INSERT INTO rate_bucket (bucket, tokens, at, full_at)
        VALUES (p_bucket, have - granted, now(), now() + make_interval(secs => granted / p_rate))
        ON CONFLICT (bucket) DO NOTHING;
        EXIT WHEN FOUND;
    END LOOP;
    wait_seconds := CASE WHEN granted > 0 THEN 0 ELSE (1 - (have - granted)) / p_rate END;
    RETURN NEXT;
END;
$$;

-- The SMPP server's binds open now, each on the node that holds its session. An account's binds at once are counted
-- here over the nodes alive (hub_node: lease_until in the future, not stopped), so that max_binds holds for the
-- account as a whole; the binds of a node whose lease ran out no longer count. A node deletes its own rows when it
-- starts and when it stops.
CREATE TABLE smpp_live_bind (
    bind_id   bigint      PRIMARY KEY REFERENCES smpp_bind (id),
    system_id text        NOT NULL,
    node_id   text        NOT NULL,
    bound_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX smpp_live_bind_account ON smpp_live_bind (system_id);
CREATE INDEX smpp_live_bind_node ON smpp_live_bind (node_id);

-- Changes to who may sign in (a password or role changed, a key revoked, a user or key removed), counted in one row in
-- the same transaction as the change. Each node reads the count about once a second and, when it moved, forgets the
-- passwords and keys it verified: a revocation on any node (or in the CLI) holds everywhere within that second.
CREATE TABLE auth_change (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    changes bigint  NOT NULL DEFAULT 0
);

INSERT INTO auth_change DEFAULT VALUES;

CREATE FUNCTION auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE auth_change SET changes = changes + 1;
    RETURN NULL;
END;
$$;

-- Per row, so that a statement that changes nothing (the admin's role set at each start as it already is) counts nothing.
CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION auth_changed();
CREATE TRIGGER api_key_changed AFTER UPDATE OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION auth_changed();

-- A session carries its user's role and stands for a password once typed: either changing ends the user's sessions.
CREATE FUNCTION dashboard_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dashboard_session WHERE user_name = OLD.name;
    RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_sessions_end AFTER UPDATE OF password_hash, role ON app_user
    FOR EACH ROW
    WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.role IS DISTINCT FROM NEW.role)
    EXECUTE FUNCTION dashboard_session_end();
CREATE TRIGGER app_user_removed_sessions_end AFTER DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION dashboard_session_end();
