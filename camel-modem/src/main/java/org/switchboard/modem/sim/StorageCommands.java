package org.switchboard.modem.sim;

import static org.switchboard.modem.sim.AtCommandLine.arguments;
import static org.switchboard.modem.sim.AtCommandLine.unquote;

import java.util.List;

/**
 * The simulated modem's message storage and sending commands (3GPP TS 27.005 in PDU mode): the preferred storages,
 * listing, reading, deleting and sending stored messages, and the {@code > } prompt of AT+CMGS and AT+CMGW.
 */
final class StorageCommands {
    static final List<String> MEMORIES = List.of("SM", "ME");
    private static final int MAX_TPDU = 164;

    private final SimModem modem;
    private final ModemSettings settings;

    StorageCommands(SimModem modem, ModemSettings settings) {
        this.modem = modem;
        this.settings = settings;
    }

    void cpms(AtForm form, String args, StringBuilder out) throws AtFailure {
        String list = "(\"" + String.join("\",\"", MEMORIES) + "\")";
        switch (form) {
            case TEST -> info(out, "+CPMS: " + list + "," + list + "," + list);
            case READ -> info(out, "+CPMS: " + memory(settings.mem1) + "," + memory(settings.mem2) + ","
                    + memory(settings.mem3));
            case SET -> {
                List<String> a = arguments(args);
                if (a.size() > 3) {
                    throw AtFailure.cms(302);
                }
                String[] mems = { settings.mem1, settings.mem2, settings.mem3 };
                for (int i = 0; i < a.size(); i++) {
                    String m = AtCommandLine.upper(unquote(a.get(i)));
                    if (!MEMORIES.contains(m)) {
                        throw AtFailure.cms(302);
                    }
                    mems[i] = m;
                }
                settings.mem1 = mems[0];
                settings.mem2 = mems[1];
                settings.mem3 = mems[2];
                info(out, "+CPMS: " + counts(mems[0]) + "," + counts(mems[1]) + "," + counts(mems[2]));
            }
            default -> throw AtFailure.error();
        }
    }

    private String memory(String name) {
        return "\"" + name + "\"," + counts(name);
    }

    private String counts(String name) {
        SmsStorage store = modem.store(name);
        return store.used() + "," + store.capacity();
    }

    void cmgl(AtForm form, String args, StringBuilder out) throws AtFailure {
        if (form == AtForm.TEST) {
            info(out, "+CMGL: (0-4)");
            return;
        }
        if (form == AtForm.READ) {
            throw AtFailure.error();
        }
        int stat = form == AtForm.ACTION ? 0 : AtCommandLine.intArg(args, 0, 4, AtFailure.cms(302));
        List<SmsStorage.Slot> slots = modem.store(settings.mem1).list(stat);
        if (slots.isEmpty()) {
            return;
        }
        String[] lines = new String[slots.size() * 2];
        for (int i = 0; i < slots.size(); i++) {
            SmsStorage.Slot s = slots.get(i);
            lines[2 * i] = "+CMGL: " + s.index() + "," + s.stat() + ",," + s.tpduLength();
            lines[2 * i + 1] = s.hex();
        }
        info(out, lines);
    }

    void cmgr(AtForm form, String args, StringBuilder out) throws AtFailure {
        if (form == AtForm.TEST) {
            return;
        }
        if (form != AtForm.SET) {
            throw AtFailure.error();
        }
        int index = AtCommandLine.intArg(args, 0, 65535, AtFailure.cms(321));
        SmsStorage.Slot s = modem.store(settings.mem1).read(index).orElseThrow(() -> AtFailure.cms(321));
        info(out, "+CMGR: " + s.stat() + ",," + s.tpduLength(), s.hex());
    }

    void cmgd(AtForm form, String args, StringBuilder out) throws AtFailure {
        SmsStorage store = modem.store(settings.mem1);
        if (form == AtForm.TEST) {
            info(out, "+CMGD: (1-" + store.capacity() + "),(0-4)");
            return;
        }
        if (form != AtForm.SET) {
            throw AtFailure.error();
        }
        List<String> a = arguments(args);
        int flag = a.size() > 1 ? AtCommandLine.intArg(a.get(1), 0, 4, AtFailure.cms(302)) : 0;
        if (flag == 0) {
            int index = AtCommandLine.intArg(a.get(0), 0, 65535, AtFailure.cms(321));
            if (!store.validIndex(index)) {
                throw AtFailure.cms(321);
            }
            store.delete(index);
        } else {
            store.deleteByFlag(flag);
        }
        modem.storageFreed();
    }

    void cmss(AtForm form, String args, StringBuilder out) throws AtFailure {
        if (form == AtForm.TEST) {
            return;
        }
        if (form != AtForm.SET) {
            throw AtFailure.error();
        }
        int index = AtCommandLine.intArg(arguments(args).get(0), 0, 65535, AtFailure.cms(321));
        SmsStorage store = modem.store(settings.mem2);
        SmsStorage.Slot s = store.peek(index).orElseThrow(() -> AtFailure.cms(321));
        if (s.stat() != SmsStorage.STO_UNSENT && s.stat() != SmsStorage.STO_SENT) {
            throw AtFailure.cms(302);
        }
        int mr = modem.submitFromHost(s.hex());
        store.markSent(index);
        info(out, "+CMSS: " + mr);
    }

    AtDevice.Prompt promptFor(String name, AtForm form, String args) throws AtFailure {
        if (form == AtForm.TEST) {
            return null;
        }
        if (form != AtForm.SET) {
            throw AtFailure.error();
        }
        List<String> a = arguments(args);
        int length = AtCommandLine.intArg(a.get(0), 1, MAX_TPDU, AtFailure.cms(304));
        return new AtDevice.Prompt(name, length);
    }

    /** The PDU after the prompt arrived (null when it was too long to be one). */
    void completePrompt(AtDevice.Prompt prompt, String hex, StringBuilder out) throws AtFailure {
        if (hex == null || !AtCommandLine.isHex(hex) || SmsStorage.tpduLengthOf(hex) != prompt.length()
                || hex.length() < 4) {
            throw AtFailure.cms(304);
        }
        String pdu = AtCommandLine.upper(hex);
        if (prompt.command().equals("+CMGS")) {
            info(out, "+CMGS: " + modem.submitFromHost(pdu));
        } else {
            int index = modem.store(settings.mem2).add(SmsStorage.STO_UNSENT, pdu)
                    .orElseThrow(() -> AtFailure.cms(322));
            info(out, "+CMGW: " + index);
        }
    }

    private void info(StringBuilder out, String... lines) {
        AtDevice.info(out, settings.verbose, lines);
    }
}
