package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaffAllowListTest {

    private final StaffAllowList list = new StaffAllowList(List.of(" Staff@Switchboard.local ", "@helpdesk.example.com", ""));

    @Test
    void allowsExactAddressesInAnyCase() {
        assertTrue(list.allows("staff@switchboard.local"));
        assertTrue(list.allows("STAFF@SWITCHBOARD.LOCAL"));
        assertFalse(list.allows("other@switchboard.local"));
        assertFalse(list.allows("staff@switchboard.local.evil.com"));
    }

    @Test
    void allowsWholeDomainsButNotTheirLookalikes() {
        assertTrue(list.allows("rina@helpdesk.example.com"));
        assertTrue(list.allows("Agus@HelpDesk.Example.com"));
        assertFalse(list.allows("rina@evilhelpdesk.example.com"));
        assertFalse(list.allows("rina@sub.helpdesk.example.com"));
        assertFalse(list.allows("@helpdesk.example.com"));
        assertFalse(list.allows("a@b@helpdesk.example.com"));
    }

    @Test
    void refusesNothing() {
        assertFalse(list.allows(null));
        assertFalse(list.allows(""));
        assertFalse(new StaffAllowList(List.of()).allows("staff@switchboard.local"));
    }
}
