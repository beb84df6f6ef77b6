/**
 * The channel seam: every way SMS leave and arrive (a pool of GSM modems, an SMPP bind to an operator's SMSC) is an
 * {@link org.switchboard.channel.SmsChannel}, as every SMSC driver is an {@code SMSCConn} behind Kannel's bearerbox.
 * The hub above it (dispatch, status report matching, part counting, the APIs) knows channels, lines, references and
 * classified failures, never AT commands, PDUs or SMPP; {@link org.switchboard.channel.Channels} holds them with the
 * routing rules that say which channel may carry which message.
 */
package org.switchboard.channel;
