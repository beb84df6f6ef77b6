/** Voicemail from the PBX: NOTIFY counts and the notify decision, mailbox owners, Asterisk's spool, and the emails. */
package org.switchboard.voicemail;
