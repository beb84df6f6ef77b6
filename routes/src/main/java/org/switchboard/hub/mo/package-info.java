/**
 * The MO routing area: inbound SMS that a rule matches (short code, keyword, pattern) are handed to applications over
 * HTTP (this area) or SMPP (the smpp area's receiver binds); the rules over HTTP. The decision itself is made where
 * the SMS is stored ({@code channels/SmsInboundRoute}, with {@code components/.../mo/MoDeliveries}).
 */
package org.switchboard.hub.mo;
