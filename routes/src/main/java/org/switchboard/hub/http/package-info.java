/**
 * The HTTP plumbing every HTTP area shares: the hub's Jetty (camel-jetty) with a body size limit and JSON instead of
 * Jetty's and Camel's HTML and stack-trace answers, who may call (users, API keys, sessions, rate limits), reading a
 * request and answering JSON.
 */
package org.switchboard.hub.http;
