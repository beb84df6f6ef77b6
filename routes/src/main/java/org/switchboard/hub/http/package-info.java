/**
 * The hub's Jetty (camel-jetty) as the API needs it: a body size limit on every request, and JSON instead of
 * Jetty's and Camel's HTML and stack-trace answers for errors that happen outside the routes.
 */
package org.switchboard.hub.http;
