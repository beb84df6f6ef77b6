/**
 * Broadcasts to contacts picked by their attributes: the message template, planning (every recipient's SMS stored
 * before anything is sent), confirmation, progress, and the preview, refusal and report emails.
 */
package org.switchboard.broadcast;
