/** What the hub tells its monitors: health checks for /health and meters for /metrics. */
package org.switchboard.hub.monitor;
