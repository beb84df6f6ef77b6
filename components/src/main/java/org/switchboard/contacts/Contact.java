package org.switchboard.contacts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A person the hub can text: an E.164 number, a name when known, attributes to pick them by, and whether they opted out. */
public record Contact(long id, String number, String name, Map<String, String> attributes, boolean optedOut) {

    public Contact {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
