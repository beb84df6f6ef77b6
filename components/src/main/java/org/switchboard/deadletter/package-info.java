/**
 * Input the hub will not try again: a message that failed the same way twice is set aside as a dead letter, with why,
 * instead of being read, failed and read again forever.
 */
package org.switchboard.deadletter;
