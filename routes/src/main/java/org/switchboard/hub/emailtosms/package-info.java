/** Staff email into SMS: replies and new SMS by email, broadcasts requested by email, their previews, confirmations and reports. */
package org.switchboard.hub.emailtosms;
