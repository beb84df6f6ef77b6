/**
 * Who may use the HTTP API and the dashboard: users with bcrypt-hashed passwords and API keys (both in SQL), the
 * dashboard's sessions (in memory), and the rate limit per user and key.
 */
package org.switchboard.auth;
