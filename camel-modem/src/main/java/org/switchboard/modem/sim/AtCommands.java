package org.switchboard.modem.sim;

import static org.switchboard.modem.sim.AtCommandLine.arguments;
import static org.switchboard.modem.sim.AtCommandLine.unquote;

import java.util.List;
import java.util.Set;

/**
 * The command set of the simulated modem, in the dialect of a SIMCom SIM800-like device (the replies real gammu was
 * seen to accept): one method per command, each writing its information lines and failing with an {@link AtFailure}.
 * PDU mode only.
 */
final class AtCommands {
    static final String MANUFACTURER = "SIMCOM_Ltd";
    static final String MODEL = "SIMCOM_SIM800";
    static final String REVISION = "Revision:1418B05SIM800L24";
    static final List<String> CHARSETS = List.of("IRA", "GSM", "UCS2", "HEX", "PCCP936");
    static final List<String> MEMORIES = List.of("SM", "ME");
    /** Commands that need the SIM unlocked; the 27.005 ones fail with +CMS ERROR: 311, the others +CME ERROR: 11. */
    private static final Set<String> SMS_COMMANDS = Set.of("+CPMS", "+CSCA", "+CMGS", "+CMGW", "+CMSS", "+CMGL",
            "+CMGR", "+CMGD");
    /** Accepted and ignored (gammu-smsd sends them). */
    private static final Set<String> ACCEPTED = Set.of("+CUSD", "+CMMS", "+CSMP", "+CLIP", "+CSDH", "+CGATT");
    private static final int MAX_TPDU = 164;

    private final SimModem modem;
    private final ModemSettings settings;
    private boolean rebootAfterResult;

    AtCommands(SimModem modem, ModemSettings settings) {
        this.modem = modem;
        this.settings = settings;
    }

    /** Runs one command; returns a prompt when the command waits for a PDU, else null. */
    AtDevice.Prompt execute(String command, StringBuilder out) throws AtFailure {
        if (command.startsWith("+") || command.startsWith("^") || command.startsWith("$") || command.startsWith("%")) {
            return extended(command, out);
        }
        basic(command, out);
        return null;
    }

    /** Work that must follow the final result (a reboot answers OK first). */
    void afterResult() {
        if (rebootAfterResult) {
            rebootAfterResult = false;
            modem.reboot();
        }
    }

    private void basic(String command, StringBuilder out) throws AtFailure {
        switch (command) {
            case "E", "E0" -> settings.echo = false;
            case "E1" -> settings.echo = true;
            case "V", "V0" -> settings.verbose = false;
            case "V1" -> settings.verbose = true;
            case "Z", "Z0", "&F", "&F0" -> settings.factoryDefaults();
            case "I", "I0" -> info(out, MANUFACTURER, MODEL, REVISION);
            case "Q0", "&W", "&W0", "&C1", "&D0", "&D1", "&D2", "&K0", "&K3" -> {
            }
            default -> throw AtFailure.error();
        }
    }

    private AtDevice.Prompt extended(String command, StringBuilder out) throws AtFailure {
        int cut = indexOfAny(command, '=', '?');
        String name = cut < 0 ? command : command.substring(0, cut);
        String rest = cut < 0 ? "" : command.substring(cut);
        Form form = rest.isEmpty() ? Form.ACTION : rest.equals("?") ? Form.READ : rest.equals("=?") ? Form.TEST
                : rest.startsWith("=") ? Form.SET : null;
        if (form == null) {
            throw AtFailure.error();
        }
        String args = form == Form.SET ? rest.substring(1) : "";
        if (!modem.simReady() && form != Form.TEST) {
            if (SMS_COMMANDS.contains(name)) {
                throw AtFailure.cms(311);
            }
            if (name.equals("+CIMI")) {
                throw AtFailure.cme(11);
            }
        }
        switch (name) {
            case "+CGMI", "+GMI" -> identity(form, out, MANUFACTURER);
            case "+CGMM", "+GMM" -> identity(form, out, MODEL);
            case "+CGMR", "+GMR" -> identity(form, out, REVISION);
            case "+CGSN", "+GSN" -> identity(form, out, modem.imei());
            case "+CIMI" -> identity(form, out, modem.imsi());
            case "+CMEE" -> settings.cmee = small(form, args, out, "+CMEE: ", settings.cmee, "(0-2)", 2);
            case "+CREG" -> creg(form, args, out);
            case "+CPIN" -> cpin(form, args, out);
            case "+CSQ" -> csq(form, out);
            case "+CFUN" -> cfun(form, args, out);
            case "+CMGF" -> cmgf(form, args, out);
            case "+CSCS" -> cscs(form, args, out);
            case "+CSCA" -> csca(form, args, out);
            case "+CPMS" -> cpms(form, args, out);
            case "+CNMI" -> cnmi(form, args, out);
            case "+COPS" -> cops(form, out);
            case "+CMGL" -> cmgl(form, args, out);
            case "+CMGR" -> cmgr(form, args, out);
            case "+CMGD" -> cmgd(form, args, out);
            case "+CMSS" -> cmss(form, args, out);
            case "+CMGS", "+CMGW" -> {
                return promptFor(name, form, args);
            }
            default -> {
                if (!ACCEPTED.contains(name)) {
                    throw AtFailure.error();
                }
            }
        }
        return null;
    }

    private enum Form { ACTION, READ, TEST, SET }

    private void identity(Form form, StringBuilder out, String value) throws AtFailure {
        if (form == Form.ACTION) {
            info(out, value);
        } else if (form != Form.TEST) {
            throw AtFailure.error();
        }
    }

    /** A setting with a single small integer 0..max. */
    private int small(Form form, String args, StringBuilder out, String prefix, int current, String range, int max)
            throws AtFailure {
        switch (form) {
            case READ -> info(out, prefix + current);
            case TEST -> info(out, prefix + range);
            case SET -> {
                return intArg(args, 0, max, AtFailure.cme(4));
            }
            default -> throw AtFailure.error();
        }
        return current;
    }

    private void creg(Form form, String args, StringBuilder out) throws AtFailure {
        if (form == Form.READ) {
            info(out, "+CREG: " + settings.cregMode + "," + modem.registrationStatus()
                    + (settings.cregMode == 2 && modem.registrationStatus() == 1 ? "," + SimModem.CELL : ""));
        } else {
            settings.cregMode = small(form, args, out, "+CREG: ", settings.cregMode, "(0-2)", 2);
        }
    }

    private void cpin(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CPIN: " + (modem.simReady() ? "READY" : "SIM PIN"));
            case TEST -> {
            }
            case SET -> {
                if (modem.simReady()) {
                    throw AtFailure.cme(3);
                }
                if (!modem.enterPin(unquote(arguments(args).get(0)))) {
                    throw AtFailure.cme(16);
                }
            }
            default -> throw AtFailure.error();
        }
    }

    private void csq(Form form, StringBuilder out) throws AtFailure {
        switch (form) {
            case ACTION -> info(out, modem.registrationStatus() == 1 ? "+CSQ: 21,0" : "+CSQ: 99,99");
            case TEST -> info(out, "+CSQ: (0-31,99),(0-7,99)");
            default -> throw AtFailure.error();
        }
    }

    private void cfun(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CFUN: " + (modem.radioOn() ? 1 : 0));
            case TEST -> info(out, "+CFUN: (0,1,4),(0,1)");
            case SET -> {
                List<String> a = arguments(args);
                int fun = intArg(a.get(0), 0, 4, AtFailure.cme(4));
                if (fun == 2 || fun == 3) {
                    throw AtFailure.cme(4);
                }
                int rst = a.size() > 1 ? intArg(a.get(1), 0, 1, AtFailure.cme(4)) : 0;
                modem.radio(fun == 1);
                rebootAfterResult = rst == 1;
            }
            default -> throw AtFailure.error();
        }
    }

    private void cmgf(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CMGF: 0");
            case TEST -> info(out, "+CMGF: (0)");
            // Text mode is not simulated: a host that cannot do PDU mode learns it here.
            case SET -> intArg(args, 0, 0, AtFailure.cms(303));
            default -> throw AtFailure.error();
        }
    }

    private void cscs(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CSCS: \"" + settings.charset + "\"");
            case TEST -> info(out, "+CSCS: (\"" + String.join("\",\"", CHARSETS) + "\")");
            case SET -> {
                String cs = AtCommandLine.upper(unquote(args));
                if (!CHARSETS.contains(cs)) {
                    throw AtFailure.cme(4);
                }
                settings.charset = cs;
            }
            default -> throw AtFailure.error();
        }
    }

    private void csca(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> {
                String smsc = modem.smsc();
                info(out, "+CSCA: \"" + smsc + "\"," + (smsc.startsWith("+") ? 145 : 129));
            }
            case TEST -> {
            }
            case SET -> {
                String smsc = unquote(arguments(args).get(0));
                if (!smsc.matches("\\+?[0-9]{1,20}")) {
                    throw AtFailure.cms(304);
                }
                modem.smsc(smsc);
            }
            default -> throw AtFailure.error();
        }
    }

    private void cpms(Form form, String args, StringBuilder out) throws AtFailure {
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

    private void cnmi(Form form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CNMI: " + settings.cnmiMode + "," + settings.cnmiMt + "," + settings.cnmiBm + ","
                    + settings.cnmiDs + "," + settings.cnmiBfr);
            case TEST -> info(out, "+CNMI: (0,1,2,3),(0,1,2,3),(0,2),(0,1,2),(0,1)");
            case SET -> {
                List<String> a = arguments(args);
                int[] v = { settings.cnmiMode, settings.cnmiMt, settings.cnmiBm, settings.cnmiDs, settings.cnmiBfr };
                int[] max = { 3, 3, 2, 2, 1 };
                if (a.size() > 5) {
                    throw AtFailure.cms(303);
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!a.get(i).isEmpty()) {
                        v[i] = intArg(a.get(i), 0, max[i], AtFailure.cms(303));
                    }
                }
                if (v[2] == 1) {
                    throw AtFailure.cms(303);
                }
                settings.cnmiMode = v[0];
                settings.cnmiMt = v[1];
                settings.cnmiBm = v[2];
                settings.cnmiDs = v[3];
                settings.cnmiBfr = v[4];
            }
            default -> throw AtFailure.error();
        }
    }

    private void cops(Form form, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, modem.registrationStatus() == 1 ? "+COPS: 0,0,\"SWITCHBOARD SIM\"" : "+COPS: 0");
            case TEST -> info(out, "+COPS: (2,\"SWITCHBOARD SIM\",\"SBSIM\",\"51099\"),,(0-4),(0-2)");
            default -> throw AtFailure.error();
        }
    }

    private void cmgl(Form form, String args, StringBuilder out) throws AtFailure {
        if (form == Form.TEST) {
            info(out, "+CMGL: (0-4)");
            return;
        }
        if (form == Form.READ) {
            throw AtFailure.error();
        }
        int stat = form == Form.ACTION ? 0 : intArg(args, 0, 4, AtFailure.cms(302));
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

    private void cmgr(Form form, String args, StringBuilder out) throws AtFailure {
        if (form == Form.TEST) {
            return;
        }
        if (form != Form.SET) {
            throw AtFailure.error();
        }
        int index = intArg(args, 0, 65535, AtFailure.cms(321));
        SmsStorage.Slot s = modem.store(settings.mem1).read(index).orElseThrow(() -> AtFailure.cms(321));
        info(out, "+CMGR: " + s.stat() + ",," + s.tpduLength(), s.hex());
    }

    private void cmgd(Form form, String args, StringBuilder out) throws AtFailure {
        SmsStorage store = modem.store(settings.mem1);
        if (form == Form.TEST) {
            info(out, "+CMGD: (1-" + store.capacity() + "),(0-4)");
            return;
        }
        if (form != Form.SET) {
            throw AtFailure.error();
        }
        List<String> a = arguments(args);
        int flag = a.size() > 1 ? intArg(a.get(1), 0, 4, AtFailure.cms(302)) : 0;
        if (flag == 0) {
            int index = intArg(a.get(0), 0, 65535, AtFailure.cms(321));
            if (!store.validIndex(index)) {
                throw AtFailure.cms(321);
            }
            store.delete(index);
        } else {
            store.deleteByFlag(flag);
        }
        modem.storageFreed();
    }

    private void cmss(Form form, String args, StringBuilder out) throws AtFailure {
        if (form == Form.TEST) {
            return;
        }
        if (form != Form.SET) {
            throw AtFailure.error();
        }
        int index = intArg(arguments(args).get(0), 0, 65535, AtFailure.cms(321));
        SmsStorage store = modem.store(settings.mem2);
        SmsStorage.Slot s = store.peek(index).orElseThrow(() -> AtFailure.cms(321));
        if (s.stat() != SmsStorage.STO_UNSENT && s.stat() != SmsStorage.STO_SENT) {
            throw AtFailure.cms(302);
        }
        int mr = modem.submitFromHost(s.hex());
        store.markSent(index);
        info(out, "+CMSS: " + mr);
    }

    private AtDevice.Prompt promptFor(String name, Form form, String args) throws AtFailure {
        if (form == Form.TEST) {
            return null;
        }
        if (form != Form.SET) {
            throw AtFailure.error();
        }
        List<String> a = arguments(args);
        int length = intArg(a.get(0), 1, MAX_TPDU, AtFailure.cms(304));
        return new AtDevice.Prompt(name, length);
    }

    /** The PDU after the prompt arrived (null when it was too long to be one). */
    void completePrompt(AtDevice.Prompt prompt, String hex, StringBuilder out) throws AtFailure {
        if (hex == null || !isHex(hex) || SmsStorage.tpduLengthOf(hex) != prompt.length()
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

    private static boolean isHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int intArg(String arg, int min, int max, AtFailure otherwise) throws AtFailure {
        try {
            int v = Integer.parseInt(arg.strip());
            if (v < min || v > max) {
                throw otherwise;
            }
            return v;
        } catch (NumberFormatException e) {
            throw otherwise;
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
