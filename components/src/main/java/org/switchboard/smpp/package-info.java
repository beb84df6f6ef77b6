/**
 * SMPP 3.4 as the hub speaks it to applications: their accounts, what a submit_sm's text says (data_coding, long
 * messages in UDH, SAR or message_payload), and the submits and delivery receipts in the database. The sessions
 * themselves are jSMPP's, run by the hub's SMPP area.
 */
package org.switchboard.smpp;
