package org.switchboard.modem.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.switchboard.modem.pdu.Address;
import org.switchboard.modem.pdu.Concat;
import org.switchboard.modem.pdu.EncodedPdu;
import org.switchboard.modem.pdu.Encoding;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SmsDeliver;
import org.switchboard.modem.pdu.SmsPdu;
import org.switchboard.modem.pdu.SmsStatusReport;
import org.switchboard.modem.pdu.SmsSubmit;
import org.switchboard.modem.pdu.SubmitRequest;
import org.switchboard.modem.pdu.UserData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pdu decode} and {@code pdu encode}. */
@Command(name = "pdu", description = "Decode and encode SMS PDUs.",
        subcommands = { PduCommand.Decode.class, PduCommand.Encode.class })
final class PduCommand implements Runnable {
    /** Exit code for a PDU that cannot be decoded or a message that cannot be encoded. */
    static final int MALFORMED = 2;
    private static final DateTimeFormatter ISO_WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final JsonFactory JSON = new JsonFactory();

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    PduCommand() {
        this(System.in, System.out, System.err);
    }

    PduCommand(InputStream in, OutputStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(err);
    }

    private Writer stdout() {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Command(name = "decode", description = "Decode a hex PDU to one JSON object; '-' decodes one PDU per stdin line.")
    static final class Decode implements Callable<Integer> {
        @ParentCommand
        private PduCommand parent;

        @Parameters(index = "0", paramLabel = "HEX", description = "the PDU in hex, or - to read one per line")
        private String pdu;

        @Option(names = "--no-smsc", description = "the PDU starts with the TPDU, without the SMSC field")
        private boolean noSmsc;

        @Override
        public Integer call() throws IOException {
            return "-".equals(pdu) ? decodeLines() : decodeOne();
        }

        private int decodeOne() throws IOException {
            SmsPdu decoded;
            try {
                decoded = PduCodec.decode(pdu, !noSmsc);
            } catch (PduException e) {
                parent.err.println("malformed PDU: " + e.getMessage());
                return MALFORMED;
            }
            try (Writer w = parent.stdout(); JsonGenerator json = generator(w)) {
                write(json, decoded);
                json.writeRaw('\n');
            }
            return 0;
        }

        /** A malformed line gets an error object in its place, so output line n always answers input line n. */
        private int decodeLines() throws IOException {
            BufferedReader lines = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8),
                    1 << 16);
            try (Writer w = parent.stdout(); JsonGenerator json = generator(w)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    try {
                        write(json, PduCodec.decode(line, !noSmsc));
                    } catch (PduException e) {
                        json.writeStartObject();
                        json.writeStringField("error", e.getMessage());
                        json.writeEndObject();
                    }
                    json.writeRaw('\n');
                }
            }
            return 0;
        }

        private static JsonGenerator generator(Writer w) throws IOException {
            JsonGenerator json = JSON.createGenerator(w);
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            return json;
        }
    }

    @Command(name = "encode", description = "Encode an SMS-SUBMIT; prints one line per part: the AT+CMGS length, a "
            + "space, the hex PDU.")
    static final class Encode implements Callable<Integer> {
        @ParentCommand
        private PduCommand parent;

        @Option(names = "--to", required = true, paramLabel = "NUMBER", description = "destination: +digits or digits")
        private String to;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "the message")
        private String text;

        @Option(names = "--ucs2", description = "UCS2 even when the text fits the GSM 7-bit alphabet")
        private boolean ucs2;

        @Option(names = "--status-report", description = "ask for a status report (TP-SRR)")
        private boolean statusReport;

        @Option(names = "--smsc", paramLabel = "NUMBER", description = "SMSC to put in the PDU (default: the modem's)")
        private String smsc;

        @Option(names = "--ref", paramLabel = "N", defaultValue = "0",
                description = "concatenation reference for long texts; above 255 a 16-bit reference is used")
        private int ref;

        @Override
        public Integer call() throws IOException {
            List<EncodedPdu> parts;
            try {
                parts = PduCodec.encodeSubmit(new SubmitRequest(to, text, ucs2, statusReport, ref, smsc));
            } catch (PduException e) {
                parent.err.println("cannot encode: " + e.getMessage());
                return MALFORMED;
            }
            try (Writer w = parent.stdout()) {
                for (EncodedPdu part : parts) {
                    w.write(part.tpduLength() + " " + part.hex() + "\n");
                }
            }
            return 0;
        }
    }

    static void write(JsonGenerator json, SmsPdu pdu) throws IOException {
        json.writeStartObject();
        if (pdu instanceof SmsDeliver d) {
            json.writeStringField("type", "SMS-DELIVER");
            json.writeStringField("smsc", value(d.smsc()));
            address(json, "originator", d.originator());
            userData(json, d.userData());
            time(json, "timestamp", d.timestamp());
        } else if (pdu instanceof SmsSubmit s) {
            json.writeStringField("type", "SMS-SUBMIT");
            json.writeStringField("smsc", value(s.smsc()));
            address(json, "destination", s.destination());
            json.writeNumberField("messageRef", s.messageRef());
            json.writeBooleanField("statusReportRequested", s.statusReportRequested());
            userData(json, s.userData());
        } else {
            SmsStatusReport r = (SmsStatusReport) pdu;
            json.writeStringField("type", "SMS-STATUS-REPORT");
            json.writeStringField("smsc", value(r.smsc()));
            address(json, "recipient", r.recipient());
            json.writeNumberField("messageRef", r.messageRef());
            json.writeNumberField("status", r.status());
            time(json, "timestamp", r.timestamp());
            time(json, "dischargeTime", r.dischargeTime());
        }
        json.writeEndObject();
    }

    private static void address(JsonGenerator json, String field, Address address) throws IOException {
        json.writeStringField(field, address.value());
        json.writeStringField("addressType", address.addressType());
    }

    private static void userData(JsonGenerator json, UserData ud) throws IOException {
        json.writeStringField("encoding", ud.encoding().jsonName());
        if (ud.encoding() == Encoding.EIGHT_BIT) {
            json.writeStringField("dataHex", HexFormat.of().withUpperCase().formatHex(ud.data()));
        } else {
            json.writeStringField("text", ud.text());
        }
        Concat c = ud.concat();
        if (c == null) {
            json.writeNullField("concat");
        } else {
            json.writeObjectFieldStart("concat");
            json.writeNumberField("ref", c.ref());
            json.writeNumberField("part", c.part());
            json.writeNumberField("total", c.total());
            json.writeEndObject();
        }
    }

    private static void time(JsonGenerator json, String field, OffsetDateTime t) throws IOException {
        json.writeStringField(field, t == null ? null : ISO_WITH_OFFSET.format(t));
    }

    private static String value(Address a) {
        return a == null ? null : a.value();
    }
}
