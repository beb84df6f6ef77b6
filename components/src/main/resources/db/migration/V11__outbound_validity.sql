-- Kannel's validity for the hub's modems, which set no TP-VP: an SMS still waiting (deferred, retried, queued behind
-- others) when this passes is never sent; the claim marks it FAILED 'validity expired' (and the V8 trigger reports it
-- to a dlr-url as a refusal, type 16). NULL: no limit.
ALTER TABLE outbound_sms ADD COLUMN expires_at timestamptz;
