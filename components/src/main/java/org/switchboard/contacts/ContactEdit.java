package org.switchboard.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change to one contact, as a JSON merge patch reads: what is not mentioned stays as it is.
 *
 * @param setName    whether to change the name
 * @param name       the new name (null: none)
 * @param number     the new number, E.164, or null to keep it
 * @param attributes attributes to set (names and values as stored)
 * @param removed    attributes to remove
 */
public record ContactEdit(boolean setName, String name, String number, Map<String, String> attributes,
        Set<String> removed) {

    public ContactEdit {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        removed = Collections.unmodifiableSet(new TreeSet<>(removed));
    }

    public boolean isEmpty() {
        return !setName && number == null && attributes.isEmpty() && removed.isEmpty();
    }
}
