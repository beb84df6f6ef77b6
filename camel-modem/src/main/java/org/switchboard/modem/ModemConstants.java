package org.switchboard.modem;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code modem:} component. */
public final class ModemConstants {

    @Metadata(label = "producer", description = "Recipient of the SMS in E.164 (+ and digits); a national number is sent as given",
              javaType = "String", required = true)
    public static final String RECIPIENT = "SmsRecipient";
    @Metadata(label = "producer", description = "Overrides the endpoint's statusReport option for this SMS", javaType = "Boolean")
    public static final String STATUS_REPORT_REQUEST = "SmsStatusReportRequest";
    @Metadata(label = "producer", description = "Relative validity period of this SMS (TP-VP, rounded down to what the format"
              + " can say, at least 5 minutes); overrides the endpoint's validityMinutes. Zero or negative: its time has"
              + " passed and it is not sent", javaType = "java.time.Duration")
    public static final String VALIDITY = "SmsValidity";
    @Metadata(label = "producer", description = "The TP-MR the network gave each part, in order", javaType = "java.util.List<Integer>")
    public static final String MESSAGE_REFERENCES = "SmsMessageReferences";
    @Metadata(description = "Number of parts the SMS was sent or received in", javaType = "Integer")
    public static final String PARTS = "SmsParts";
    @Metadata(description = "Name of the modem that sent or received it", javaType = "String")
    public static final String MODEM = "SmsModem";

    @Metadata(label = "consumer", description = "What the exchange carries: SMS or STATUS_REPORT", javaType = "String")
    public static final String KIND = "SmsKind";
    @Metadata(label = "consumer", description = "Sender of an inbound SMS: + and digits, national digits, or alphanumeric text",
              javaType = "String")
    public static final String ORIGINATOR = "SmsOriginator";
    @Metadata(label = "consumer", description = "Type of the originator's address: international, national, alphanumeric, unknown",
              javaType = "String")
    public static final String ORIGINATOR_TYPE = "SmsOriginatorType";
    @Metadata(label = "consumer", description = "SMSC time stamp of the SMS or status report", javaType = "java.time.OffsetDateTime")
    public static final String TIMESTAMP = "SmsTimestamp";
    @Metadata(label = "consumer", description = "SMS service centre that delivered it", javaType = "String")
    public static final String SMSC = "SmsSmsc";
    @Metadata(label = "consumer", description = "Character set of the SMS: GSM7, UCS2 or 8BIT", javaType = "String")
    public static final String ENCODING = "SmsEncoding";
    @Metadata(label = "consumer", description = "TP-DCS message class 0..3 of an inbound SMS (0: a flash SMS), absent when the DCS"
              + " gives none", javaType = "Integer")
    public static final String MESSAGE_CLASS = "SmsMessageClass";
    @Metadata(label = "consumer", description = "Application port an inbound SMS was addressed to (UDH IEI 0x04/0x05; 2948 is WAP"
              + " push), absent when not port-addressed", javaType = "Integer")
    public static final String DESTINATION_PORT = "SmsDestinationPort";
    @Metadata(label = "consumer", description = "Originator's application port of a port-addressed inbound SMS", javaType = "Integer")
    public static final String SOURCE_PORT = "SmsSourcePort";
    @Metadata(label = "consumer", description = "True when parts of a concatenated SMS never arrived and the timeout delivered what came",
              javaType = "Boolean")
    public static final String INCOMPLETE = "SmsIncomplete";
    @Metadata(label = "consumer", description = "Storage indexes the SMS occupied on the modem", javaType = "java.util.List<Integer>")
    public static final String STORAGE_INDEXES = "SmsStorageIndexes";
    @Metadata(label = "consumer", description = "Status report: the TP-MR of the SMS it reports on", javaType = "Integer")
    public static final String MESSAGE_REFERENCE = "SmsMessageReference";
    @Metadata(label = "consumer", description = "Status report: TP-ST as a number (0 delivered)", javaType = "Integer")
    public static final String STATUS = "SmsStatus";
    @Metadata(label = "consumer", description = "Status report: delivered, pending or failed", javaType = "String")
    public static final String STATUS_CLASS = "SmsStatusClass";
    @Metadata(label = "consumer", description = "Status report: when the SMS was delivered or finally failed",
              javaType = "java.time.OffsetDateTime")
    public static final String DISCHARGE_TIME = "SmsDischargeTime";

    /** Values of {@link #KIND}. */
    public static final String KIND_SMS = "SMS";
    public static final String KIND_STATUS_REPORT = "STATUS_REPORT";

    private ModemConstants() {
    }
}
