package org.switchboard.modem.sim;

import static org.switchboard.modem.sim.AtCommandLine.arguments;
import static org.switchboard.modem.sim.AtCommandLine.unquote;

import java.util.List;
import java.util.Set;

/**
 * The command set of the simulated modem, in the dialect of a SIMCom SIM800-like device (the replies real gammu was
 * seen to accept): one method per command, each writing its information lines and failing with an {@link AtFailure}.
 * The message storage and sending commands of 27.005 are {@link StorageCommands}. PDU mode only.
 */
final class AtCommands {
    static final String MANUFACTURER = "SIMCOM_Ltd";
    static final String MODEL = "SIMCOM_SIM800";
    static final String REVISION = "Revision:1418B05SIM800L24";
    static final List<String> CHARSETS = List.of("IRA", "GSM", "UCS2", "HEX", "PCCP936");
    /** Commands that need the SIM unlocked; the 27.005 ones fail with +CMS ERROR: 311, the others +CME ERROR: 11. */
    private static final Set<String> SMS_COMMANDS = Set.of("+CPMS", "+CSCA", "+CMGS", "+CMGW", "+CMSS", "+CMGL",
            "+CMGR", "+CMGD");
    /** Accepted and ignored (gammu-smsd sends them). */
    private static final Set<String> ACCEPTED = Set.of("+CUSD", "+CMMS", "+CSMP", "+CLIP", "+CSDH", "+CGATT");

    private final SimModem modem;
    private final ModemSettings settings;
    private final StorageCommands storage;
    private boolean rebootAfterResult;

    AtCommands(SimModem modem, ModemSettings settings) {
        this.modem = modem;
        this.settings = settings;
        this.storage = new StorageCommands(modem, settings);
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
        AtForm form = rest.isEmpty() ? AtForm.ACTION : rest.equals("?") ? AtForm.READ : rest.equals("=?") ? AtForm.TEST
                : rest.startsWith("=") ? AtForm.SET : null;
        if (form == null) {
            throw AtFailure.error();
        }
        String args = form == AtForm.SET ? rest.substring(1) : "";
        if (!modem.simReady() && form != AtForm.TEST) {
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
            case "+CPMS" -> storage.cpms(form, args, out);
            case "+CNMI" -> cnmi(form, args, out);
            case "+COPS" -> cops(form, out);
            case "+CMGL" -> storage.cmgl(form, args, out);
            case "+CMGR" -> storage.cmgr(form, args, out);
            case "+CMGD" -> storage.cmgd(form, args, out);
            case "+CMSS" -> storage.cmss(form, args, out);
            case "+CMGS", "+CMGW" -> {
                return storage.promptFor(name, form, args);
            }
            default -> {
                if (!ACCEPTED.contains(name)) {
                    throw AtFailure.error();
                }
            }
        }
        return null;
    }

    private void identity(AtForm form, StringBuilder out, String value) throws AtFailure {
        if (form == AtForm.ACTION) {
            info(out, value);
        } else if (form != AtForm.TEST) {
            throw AtFailure.error();
        }
    }

    /** A setting with a single small integer 0..max. */
    private int small(AtForm form, String args, StringBuilder out, String prefix, int current, String range, int max)
            throws AtFailure {
        switch (form) {
            case READ -> info(out, prefix + current);
            case TEST -> info(out, prefix + range);
            case SET -> {
                return AtCommandLine.intArg(args, 0, max, AtFailure.cme(4));
            }
            default -> throw AtFailure.error();
        }
        return current;
    }

    private void creg(AtForm form, String args, StringBuilder out) throws AtFailure {
        if (form == AtForm.READ) {
            info(out, "+CREG: " + settings.cregMode + "," + modem.registrationStatus()
                    + (settings.cregMode == 2 && modem.registrationStatus() == 1 ? "," + SimModem.CELL : ""));
        } else {
            settings.cregMode = small(form, args, out, "+CREG: ", settings.cregMode, "(0-2)", 2);
        }
    }

    private void cpin(AtForm form, String args, StringBuilder out) throws AtFailure {
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

    private void csq(AtForm form, StringBuilder out) throws AtFailure {
        switch (form) {
            case ACTION -> info(out, modem.registrationStatus() == 1 ? "+CSQ: 21,0" : "+CSQ: 99,99");
            case TEST -> info(out, "+CSQ: (0-31,99),(0-7,99)");
            default -> throw AtFailure.error();
        }
    }

    private void cfun(AtForm form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CFUN: " + (modem.radioOn() ? 1 : 0));
            case TEST -> info(out, "+CFUN: (0,1,4),(0,1)");
            case SET -> {
                List<String> a = arguments(args);
                int fun = AtCommandLine.intArg(a.get(0), 0, 4, AtFailure.cme(4));
                if (fun == 2 || fun == 3) {
                    throw AtFailure.cme(4);
                }
                int rst = a.size() > 1 ? AtCommandLine.intArg(a.get(1), 0, 1, AtFailure.cme(4)) : 0;
                modem.radio(fun == 1);
                rebootAfterResult = rst == 1;
            }
            default -> throw AtFailure.error();
        }
    }

    private void cmgf(AtForm form, String args, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, "+CMGF: 0");
            case TEST -> info(out, "+CMGF: (0)");
            // Text mode is not simulated: a host that cannot do PDU mode learns it here.
            case SET -> AtCommandLine.intArg(args, 0, 0, AtFailure.cms(303));
            default -> throw AtFailure.error();
        }
    }

    private void cscs(AtForm form, String args, StringBuilder out) throws AtFailure {
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

    private void csca(AtForm form, String args, StringBuilder out) throws AtFailure {
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

    private void cnmi(AtForm form, String args, StringBuilder out) throws AtFailure {
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
                        v[i] = AtCommandLine.intArg(a.get(i), 0, max[i], AtFailure.cms(303));
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

    private void cops(AtForm form, StringBuilder out) throws AtFailure {
        switch (form) {
            case READ -> info(out, modem.registrationStatus() == 1 ? "+COPS: 0,0,\"SWITCHBOARD SIM\"" : "+COPS: 0");
            case TEST -> info(out, "+COPS: (2,\"SWITCHBOARD SIM\",\"SBSIM\",\"51099\"),,(0-4),(0-2)");
            default -> throw AtFailure.error();
        }
    }

    /** The PDU after the prompt arrived (null when it was too long to be one). */
    void completePrompt(AtDevice.Prompt prompt, String hex, StringBuilder out) throws AtFailure {
        storage.completePrompt(prompt, hex, out);
    }

    private void info(StringBuilder out, String... lines) {
        AtDevice.info(out, settings.verbose, lines);
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
