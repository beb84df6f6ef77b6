/** The hub's settings: the defaults, the configuration file and the environment. */
package org.switchboard.hub.config;
