/**
 * Decisions of the outbound dispatchers, free of Camel and SQL: what a failed send becomes, when a faulty modem is tried
 * again, and how fast one modem may send.
 */
package org.switchboard.dispatch;
