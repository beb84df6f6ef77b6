/**
 * The modem pool as a channel: the one place above camel-modem that knows AT sessions, PDUs and the {@code modem:}
 * component's headers. Each modem is a line.
 */
package org.switchboard.channel.modem;
