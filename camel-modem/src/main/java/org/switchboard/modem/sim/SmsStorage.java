package org.switchboard.modem.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One SMS storage of a modem ("SM" or "ME"): numbered slots 1..capacity holding PDUs with their AT status. */
final class SmsStorage {
    /** AT status of a stored message (27.005 <stat> in PDU mode). */
    static final int REC_UNREAD = 0;
    static final int REC_READ = 1;
    static final int STO_UNSENT = 2;
    static final int STO_SENT = 3;
    static final int ALL = 4;

    /** A stored PDU; {@code hex} includes the SMSC field. */
    record Slot(int index, int stat, String hex) {
        /** The TPDU octets (after the SMSC field), worked out from the raw hex so malformed PDUs have one too. */
        int tpduLength() {
            return tpduLengthOf(hex);
        }
    }

    private final String name;
    private final Slot[] slots;

    SmsStorage(String name, int capacity) {
        this.name = name;
        this.slots = new Slot[capacity];
    }

    String name() {
        return name;
    }

    int capacity() {
        return slots.length;
    }

    synchronized int used() {
        int n = 0;
        for (Slot s : slots) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    /** Stores in the lowest free slot; empty when the storage is full. */
    synchronized Optional<Integer> add(int stat, String hex) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = new Slot(i + 1, stat, hex);
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    boolean validIndex(int index) {
        return index >= 1 && index <= slots.length;
    }

    /** Reads a slot; a received unread message becomes read, as AT+CMGR does. */
    synchronized Optional<Slot> read(int index) {
        if (!validIndex(index) || slots[index - 1] == null) {
            return Optional.empty();
        }
        Slot s = slots[index - 1];
        if (s.stat() == REC_UNREAD) {
            slots[index - 1] = new Slot(index, REC_READ, s.hex());
        }
        return Optional.of(s);
    }

    synchronized Optional<Slot> peek(int index) {
        return validIndex(index) ? Optional.ofNullable(slots[index - 1]) : Optional.empty();
    }

    synchronized void markSent(int index) {
        Slot s = slots[index - 1];
        if (s != null && s.stat() == STO_UNSENT) {
            slots[index - 1] = new Slot(index, STO_SENT, s.hex());
        }
    }

    /** Lists slots with the given status (4 = all); listed unread messages become read, as AT+CMGL does. */
    synchronized List<Slot> list(int stat) {
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s != null && (stat == ALL || s.stat() == stat)) {
                out.add(s);
                if (s.stat() == REC_UNREAD) {
                    slots[i] = new Slot(s.index(), REC_READ, s.hex());
                }
            }
        }
        return out;
    }

    synchronized void delete(int index) {
        slots[index - 1] = null;
    }

    /**
     * AT+CMGD's delete flag: 1 all read, 2 read and sent, 3 read, sent and unsent, 4 all.
     */
    synchronized void deleteByFlag(int flag) {
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s == null) {
                continue;
            }
            boolean delete = switch (flag) {
                case 1 -> s.stat() == REC_READ;
                case 2 -> s.stat() == REC_READ || s.stat() == STO_SENT;
                case 3 -> s.stat() != REC_UNREAD;
                default -> true;
            };
            if (delete) {
                slots[i] = null;
            }
        }
    }

    /** Octets after the SMSC field of a hex PDU; never negative, also for garbage. */
    static int tpduLengthOf(String hex) {
        int octets = hex.length() / 2;
        int smscLength = 0;
        if (hex.length() >= 2) {
            try {
                smscLength = Integer.parseInt(hex.substring(0, 2), 16);
            } catch (NumberFormatException e) {
                smscLength = 0;
            }
        }
        return Math.max(0, octets - 1 - smscLength);
    }
}
