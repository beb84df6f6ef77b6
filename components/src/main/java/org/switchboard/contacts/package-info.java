/** Contacts and their attributes: CSV import, filters on attributes, and saved segments. */
package org.switchboard.contacts;
