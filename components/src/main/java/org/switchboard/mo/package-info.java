/**
 * MO routing, as Kannel's sms-service does it: rules that match an inbound SMS by its short code, first word (keyword,
 * with aliases) or a pattern and hand it to an application (an HTTP URL, an SMPP account), the hand-over's outbox, and
 * the placeholders of a rule's URL.
 */
package org.switchboard.mo;
