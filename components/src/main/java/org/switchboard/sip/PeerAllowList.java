package org.switchboard.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The addresses NOTIFYs are taken from: the PBXes. Names are resolved once, when the listener starts. */
final class PeerAllowList {

    private final boolean any;
    private final Set<InetAddress> addresses = new HashSet<>();

    PeerAllowList(List<String> peers) {
        any = peers.contains("*");
        for (String peer : peers) {
            if (!peer.equals("*")) {
                try {
                    addresses.addAll(List.of(InetAddress.getAllByName(peer)));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("allowedPeers: cannot resolve " + peer, e);
                }
            }
        }
    }

    boolean allows(String ip) {
        if (any) {
            return true;
        }
        try {
            // ip is the literal the stack saw, so no lookup happens; this only normalises ::1 and friends.
            return ip != null && addresses.contains(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
