/** What the mail routes share: sending over kept-open SMTP connections, refusals and bounces, and dead letters for mail that cannot be handled. */
package org.switchboard.hub.mail;
