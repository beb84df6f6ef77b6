/** The journal: one SQL row per hop of every message, written in batches by one component for all routes. */
package org.switchboard.journal;
