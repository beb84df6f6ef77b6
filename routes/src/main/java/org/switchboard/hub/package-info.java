/** The runnable hub: camel-main, the embedded default, and one RouteBuilder per flow. */
package org.switchboard.hub;
