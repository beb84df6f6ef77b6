/** The HTTP API under /api: sending SMS, the history, contacts and segments, broadcasts, users and keys, the channels' and modems' state, and its OpenAPI document. */
package org.switchboard.hub.api;
