package org.switchboard.modem.session;

import java.io.IOException;

import org.switchboard.modem.ModemConfiguration;
import org.switchboard.modem.ModemException;
import org.switchboard.modem.ModemException.Kind;
import org.switchboard.modem.at.AtCommand;
import org.switchboard.modem.at.AtResponse;
import org.switchboard.modem.at.FinalResult;
import org.switchboard.modem.at.PinState;
import org.switchboard.modem.at.ResponseParsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bring-up dialogue of a modem: sync, echo off, numeric errors, SIM PIN, PDU mode, SMSC, storage and new-message
 * indications. Commands a modem may not know (identity, CPMS, CNMI variants) are optional: ERROR does not stop it.
 */
final class ModemInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(ModemInitializer.class);
    private static final byte[] ESC_CR = { 0x1B, '\r' };
    /** Long enough for a modem at 9600 baud to finish a line it had started. */
    static final long QUIET_MILLIS = 150;

    private final String name;
    private final ModemConfiguration config;
    private final AtClient client;
    private final ModemStatus status;

    ModemInitializer(String name, ModemConfiguration config, AtClient client, ModemStatus status) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.status = status;
    }

    void initialise() throws IOException, ModemException {
        // A previous host may have left the modem at a "> " prompt: ESC ends it; whatever comes back is ignored.
        client.sendRaw(ESC_CR);
        client.awaitQuiet(QUIET_MILLIS, 2_000);
        sync();
        optional("ATE0");
        optional("AT+CMEE=1");
        enterPin();
        required("AT+CMGF=0", "PDU mode");
        if (config.getSmsc() != null && !config.getSmsc().isBlank()) {
            String smsc = config.getSmsc().trim();
            required("AT+CSCA=\"" + smsc + "\"," + (smsc.startsWith("+") ? 145 : 129), "SMS service centre");
        }
        String mem = config.getStorage();
        if (mem != null && !mem.isBlank()) {
            optional("AT+CPMS=\"" + mem + "\",\"" + mem + "\",\"" + mem + "\"");
        }
        if (!optional("AT+CNMI=" + config.getNewMessageIndications())) {
            // Modems that cannot store status reports (ds=2) usually take ds=1; the periodic sweep covers the rest.
            optional("AT+CNMI=2,1,0,1,0");
        }
        status.identity = (firstLine("AT+CGMI") + " " + firstLine("AT+CGMM")).trim();
    }

    private void sync() throws IOException, ModemException {
        for (int attempt = 1; attempt <= 3; attempt++) {
            AtResponse r = client.execute(AtCommand.of("AT").withTimeout(Math.min(config.getCommandTimeout(), 3_000)));
            if (r.ok()) {
                return;
            }
            // A late answer to something before us: let it arrive and be dropped, then ask again.
            client.awaitQuiet(QUIET_MILLIS, 2_000);
        }
        throw new ModemException(Kind.TIMEOUT, -1, "no answer to AT", true, false,
                "modem " + name + " does not answer AT");
    }

    private void enterPin() throws IOException, ModemException {
        AtResponse r = execute("AT+CPIN?");
        if (!r.ok()) {
            // Some modems answer ERROR when the SIM needs no PIN; PDU mode below fails if the SIM is really absent.
            LOG.debug("Modem {}: AT+CPIN? answered {}", name, r.result());
            return;
        }
        PinState state = ResponseParsers.lineWith(r.lines(), "+CPIN").flatMap(ResponseParsers::cpin)
                .orElse(PinState.READY);
        if (state == PinState.READY) {
            return;
        }
        if (state != PinState.SIM_PIN) {
            String line = ResponseParsers.lineWith(r.lines(), "+CPIN").orElse(state.name());
            throw new ModemException(Kind.CME, -1, line, false, false, "modem " + name + " SIM is not usable: " + line);
        }
        if (config.getPin() == null || config.getPin().isBlank()) {
            throw new ModemException(Kind.CME, 11, "SIM PIN required", false, false,
                    "modem " + name + " SIM needs a PIN and none is configured (option pin)");
        }
        AtResponse entered = execute("AT+CPIN=\"" + config.getPin() + "\"");
        if (!entered.ok()) {
            // Never retry a wrong PIN by ourselves: three wrong entries lock the SIM.
            throw new ModemException(Kind.CME, entered.errorCode(), "SIM PIN rejected", false, false,
                    "modem " + name + " rejected the configured PIN");
        }
    }

    private void required(String line, String what) throws IOException, ModemException {
        AtResponse r = execute(line);
        if (!r.ok()) {
            throw new ModemException(Kind.ERROR, r.errorCode(), what + " refused", r.result() == FinalResult.TIMEOUT,
                    false, "modem " + name + " refused " + what + " (" + line + " → " + r.result() + ")");
        }
    }

    private boolean optional(String line) throws IOException, ModemException {
        AtResponse r = execute(line);
        if (r.result() == FinalResult.TIMEOUT) {
            throw new ModemException(Kind.TIMEOUT, -1, "no answer", true, false,
                    "modem " + name + " did not answer " + line);
        }
        if (!r.ok()) {
            LOG.info("Modem {}: optional {} answered {}", name, line, r.result());
        }
        return r.ok();
    }

    private String firstLine(String line) throws IOException, ModemException {
        AtResponse r = execute(line);
        return r.ok() && !r.lines().isEmpty() ? r.lines().get(0).trim() : "";
    }

    private AtResponse execute(String line) throws IOException {
        return client.execute(AtCommand.of(line).withTimeout(config.getCommandTimeout()));
    }
}
