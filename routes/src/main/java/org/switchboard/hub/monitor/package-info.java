/** What the hub tells its monitors: health checks for /health, meters for /metrics, the modems' report. */
package org.switchboard.hub.monitor;
