/** SMS into email: each stored inbound SMS mailed to the help desk, in the thread of its number. */
package org.switchboard.hub.smstoemail;
