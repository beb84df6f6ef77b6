/** The parts of the embedded default that stand in for outside servers: the mail server. */
package org.switchboard.hub.embedded;
