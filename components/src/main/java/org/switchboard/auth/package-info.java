/**
 * Who may use the HTTP API and the dashboard: users with bcrypt-hashed passwords and API keys, the dashboard's
 * sessions, the rate limits per user, key and sign-in name, and the count of changes that tells a node its cache of
 * verified credentials is stale; all in SQL, so that every node of the hub answers the same.
 */
package org.switchboard.auth;
