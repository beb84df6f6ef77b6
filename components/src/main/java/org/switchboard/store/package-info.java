/** The hub's message store: PostgreSQL (or an embedded PostgreSQL), its Flyway migrations and repositories. */
package org.switchboard.store;
