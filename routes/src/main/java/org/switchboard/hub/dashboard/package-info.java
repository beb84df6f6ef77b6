/** The web dashboard: its static files, and the sign-in that gives it a session. */
package org.switchboard.hub.dashboard;
