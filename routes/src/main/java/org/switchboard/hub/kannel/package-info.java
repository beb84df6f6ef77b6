/** Kannel's interface for applications written for it: sendsms, and the dlr-url calls of its delivery reports. */
package org.switchboard.hub.kannel;
