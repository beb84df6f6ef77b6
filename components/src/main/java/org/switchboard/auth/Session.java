package org.switchboard.auth;

/** A dashboard sign-in: its cookie value, the user and role, and the token its forms must send back (CSRF). */
public record Session(String id, String user, Role role, String csrf) {
}
