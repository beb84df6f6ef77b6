/**
 * The HTTP plumbing every HTTP area shares: the hub's Jetty (camel-jetty, the REST DSL's component) with a body size
 * limit, JSON instead of Jetty's and Camel's HTML and stack-trace answers and a fallback route for what no route takes;
 * the base of every area's REST routes and the route configuration they all use (who may call, errors as JSON); who
 * may call (users, API keys, sessions, rate limits); reading a request (text checked) and answering JSON.
 */
package org.switchboard.hub.http;
