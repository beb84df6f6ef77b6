/**
 * Email for the help desk, without I/O: SMS rendered as MimeMessages, staff replies read back into SMS text,
 * automatic mail recognised so that no mail loop can start, and bounces that explain what was not sent.
 */
package org.switchboard.mail;
