/**
 * Kannel's sendsms interface, as smsbox speaks it (Kannel's gw/smsbox.c and gw/urltrans.c are the reference): the
 * request's parameters and answers, the rows a request queues, and the delivery reports called back on dlr-url.
 */
package org.switchboard.kannel;
