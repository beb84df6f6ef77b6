/**
 * The click-to-call area: {@code POST /api/calls} asks the PBX to ring the agent's phone, then dial the customer;
 * {@code GET /api/calls} and {@code /api/calls/{id}} show the calls and their states, each state journalled and counted.
 * The way to the PBX is chosen by {@code switchboard.calls.mode}: {@code ami} (Asterisk's manager, in
 * {@code components/.../calls/ami}); {@code sip} is declared for the third-party call control still to come.
 */
package org.switchboard.hub.calls;
