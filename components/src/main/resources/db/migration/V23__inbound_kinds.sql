-- What an inbound SMS is, beyond its text: the network delivers 8-bit data, flash SMS (class 0), SMS addressed to an
-- application port (UDH IEI 0x04/0x05) and WAP push (WSP on port 2948); each is stored as it came, none refused.
--   kind           text: a text SMS (GSM 7-bit or UCS2), ports or not; data: 8-bit user data; wap-push: 8-bit data
--                  to the WAP push port (2948, or 2949 secured)
--   message_class  TP-DCS message class 0..3 when the DCS gives one (0: flash, shown at once, not stored by the phone)
--   dest_port, src_port  the application ports of the UDH, when addressed
--   data           the user data of a data or wap-push SMS (parts joined, UDH left out); text holds what of it reads
--                  as text (the URL and text of a WAP SI/SL), else ''
ALTER TABLE inbound_sms
    ADD COLUMN kind          text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'data', 'wap-push')),
    ADD COLUMN message_class smallint CHECK (message_class BETWEEN 0 AND 3),
    ADD COLUMN dest_port     int CHECK (dest_port BETWEEN 0 AND 65535),
    ADD COLUMN src_port      int CHECK (src_port BETWEEN 0 AND 65535),
    ADD COLUMN data          bytea,
    ADD CONSTRAINT inbound_sms_data_kind CHECK ((data IS NULL) = (kind = 'text'));
