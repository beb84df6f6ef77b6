/**
 * What the hub's areas share as they add their routes and beans: the typed settings, the database, the journal, the
 * monitoring, the embedded servers when there are some, and the resources closed with the hub.
 */
package org.switchboard.hub.module;
