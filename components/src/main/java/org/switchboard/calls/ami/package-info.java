/**
 * Click-to-call through Asterisk's Manager Interface (AMI), the usual way with Asterisk, FreePBX and Trixbox. Pure
 * protocol code ({@link org.switchboard.calls.ami.AmiMessage}, {@link org.switchboard.calls.ami.AmiReader},
 * {@link org.switchboard.calls.ami.AmiActions}, {@link org.switchboard.calls.ami.AmiCallTracker}: text in, calls'
 * states out, no I/O) under a thin transport ({@link org.switchboard.calls.ami.AmiConnection}: a socket, the login,
 * reconnection), joined by {@link org.switchboard.calls.ami.AmiClickToCall}.
 */
package org.switchboard.calls.ami;
