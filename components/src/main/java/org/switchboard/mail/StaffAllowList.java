package org.switchboard.mail;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The staff who may send SMS by email: exact addresses, and {@code @domain} entries for a whole domain. */
public final class StaffAllowList {

    private final Set<String> addresses = new HashSet<>();
    private final Set<String> domains = new HashSet<>();

    public StaffAllowList(Collection<String> entries) {
        for (String entry : entries) {
            String e = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("@")) {
                if (e.length() > 1) {
                    domains.add(e.substring(1));
                }
            } else {
                addresses.add(e);
            }
        }
    }

    /** Whether a bare address ({@code staff@switchboard.local}, any case) is on the list. */
    public boolean allows(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || a.indexOf('@') != at) {
            return false; // "@domain" alone or a second '@' would otherwise slip through the domain match
        }
        return addresses.contains(a) || domains.contains(a.substring(at + 1));
    }

    @Override
    public String toString() {
        return "StaffAllowList" + addresses + domains.stream().map(d -> "@" + d).toList();
    }
}
