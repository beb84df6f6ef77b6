/** Where SMS leave and arrive: the dispatchers that hand queued SMS to the channels, and the route that stores what the channels receive. */
package org.switchboard.hub.channels;
