package org.switchboard.modem.sim;

/**
 * The four forms of an extended AT command: {@code +X} (action), {@code +X?} (read), {@code +X=?} (test) and
 * {@code +X=...} (set).
 */
enum AtForm { ACTION, READ, TEST, SET }
