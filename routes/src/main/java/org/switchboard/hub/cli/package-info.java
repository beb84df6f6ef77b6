/** The command line: {@code switchboard} starts the hub; {@code switchboard contacts|segments ...} work on its database. */
package org.switchboard.hub.cli;
