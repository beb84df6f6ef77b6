/**
 * Click-to-call through Asterisk's Manager Interface (AMI), the usual way with Asterisk, FreePBX and Trixbox. The
 * session, its MD5 login, the typed actions and events and the reconnection after a drop are asterisk-java's
 * ({@code org.asteriskjava.manager}); the calls' states are pure code fed from its events
 * ({@link org.switchboard.calls.ami.AmiCallTracker}, {@link org.switchboard.calls.ami.HangupCauses}: events in, states
 * out, no I/O), joined by {@link org.switchboard.calls.ami.AmiClickToCall}.
 */
package org.switchboard.calls.ami;
