/** Phone numbers as the hub stores them: E.164, normalised against a default region. */
package org.switchboard.numbers;
