/** Voicemail from the PBX: SIP message-summary NOTIFYs, the owner's notification with the recording, and Asterisk's own voicemail emails forwarded. */
package org.switchboard.hub.voicemail;
