-- The hub's own binds to operators' SMSCs (its smpp channels) go in smpp_bind too, beside the applications' binds to
-- the hub: channel names the channel (NULL for an application's bind), system_id is the one the hub bound as, remote
-- the SMSC, and status 0 for a bind made, else the status it was refused with (-1: no answer, no connection).
ALTER TABLE smpp_bind ADD COLUMN channel text;
