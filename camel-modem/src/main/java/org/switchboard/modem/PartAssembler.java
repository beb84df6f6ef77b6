package org.switchboard.modem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.switchboard.modem.pdu.Concat;
import org.switchboard.modem.pdu.SmsDeliver;

/**
 * Keeps the parts of concatenated SMS until every part is there, or until they waited too long. Parts are keyed by
 * storage index, so seeing a stored part again on the next sweep changes nothing.
 */
final class PartAssembler {

    /** One inbound SMS ready to hand on: its parts in order and where they are stored. */
    record Assembled(List<SmsDeliver> parts, List<Integer> indexes, boolean complete) {
        SmsDeliver first() {
            return parts.get(0);
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (SmsDeliver p : parts) {
                if (p.userData().text() != null) {
                    sb.append(p.userData().text());
                }
            }
            return sb.toString();
        }
    }

    private record Key(String originator, int ref, int total, int refBits) {
    }

    private static final class Pending {
        final long firstSeen;
        final Map<Integer, SmsDeliver> bySeq = new TreeMap<>();
        final Map<Integer, Integer> indexBySeq = new HashMap<>();

        Pending(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Map<Key, Pending> pending = new HashMap<>();

    /**
     * Adds one part (or a whole single SMS).
     *
     * @return the SMS when it is complete, else null
     */
    Assembled add(SmsDeliver sms, int index, long now) {
        Concat c = sms.userData().concat();
        if (c == null || c.total() <= 1) {
            return new Assembled(List.of(sms), List.of(index), true);
        }
        Key key = new Key(Objects.toString(sms.originator().value()), c.ref(), c.total(), c.refBits());
        Pending p = pending.computeIfAbsent(key, k -> new Pending(now));
        p.bySeq.putIfAbsent(c.part(), sms);
        p.indexBySeq.putIfAbsent(c.part(), index);
        if (p.bySeq.size() < c.total()) {
            return null;
        }
        pending.remove(key);
        return assemble(p, true);
    }

    /** Hands out, flagged incomplete, every SMS whose first part came longer ago than the timeout. */
    List<Assembled> expire(long now, long timeoutMillis) {
        List<Assembled> out = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (now - p.firstSeen >= timeoutMillis) {
                it.remove();
                out.add(assemble(p, false));
            }
        }
        return out;
    }

    /** Whether a storage index is held as a part of an SMS still waiting for its other parts. */
    boolean holds(int index) {
        return pending.values().stream().anyMatch(p -> p.indexBySeq.containsValue(index));
    }

    /** Forgets a part whose storage slot is gone (deleted by someone else). */
    void forgetIndexesOtherThan(java.util.Set<Integer> present) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            p.indexBySeq.entrySet().removeIf(e -> {
                boolean gone = !present.contains(e.getValue());
                if (gone) {
                    p.bySeq.remove(e.getKey());
                }
                return gone;
            });
            if (p.bySeq.isEmpty()) {
                it.remove();
            }
        }
    }

    int pendingCount() {
        return pending.size();
    }

    private static Assembled assemble(Pending p, boolean complete) {
        List<SmsDeliver> parts = new ArrayList<>(p.bySeq.values());
        List<Integer> indexes = new ArrayList<>();
        for (Integer seq : p.bySeq.keySet()) {
            indexes.add(p.indexBySeq.get(seq));
        }
        return new Assembled(parts, indexes, complete);
    }
}
