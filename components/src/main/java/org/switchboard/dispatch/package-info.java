/**
 * Decisions of the outbound dispatchers, free of Camel, SQL and transports: what a failed send becomes, when a faulty
 * line is tried again, and how fast one line may send.
 */
package org.switchboard.dispatch;
