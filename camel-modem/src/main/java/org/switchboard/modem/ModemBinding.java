package org.switchboard.modem;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.switchboard.modem.pdu.Address;
import org.switchboard.modem.pdu.Encoding;
import org.switchboard.modem.pdu.Ports;
import org.switchboard.modem.pdu.SmsDeliver;
import org.switchboard.modem.pdu.SmsStatusReport;

/** Turns decoded SMS and status reports into exchanges. */
final class ModemBinding {
    private ModemBinding() {
    }

    static void bindSms(Exchange exchange, PartAssembler.Assembled sms, String modem) {
        SmsDeliver first = sms.first();
        Message m = exchange.getIn();
        m.setHeader(ModemConstants.KIND, ModemConstants.KIND_SMS);
        m.setHeader(ModemConstants.ORIGINATOR, first.originator().value());
        m.setHeader(ModemConstants.ORIGINATOR_TYPE, first.originator().addressType());
        m.setHeader(ModemConstants.TIMESTAMP, first.timestamp());
        m.setHeader(ModemConstants.SMSC, smsc(first.smsc()));
        m.setHeader(ModemConstants.ENCODING, first.userData().encoding().jsonName());
        m.setHeader(ModemConstants.PARTS, sms.parts().size());
        m.setHeader(ModemConstants.INCOMPLETE, !sms.complete());
        m.setHeader(ModemConstants.STORAGE_INDEXES, List.copyOf(sms.indexes()));
        m.setHeader(ModemConstants.MODEM, modem);
        int messageClass = first.userData().messageClass();
        if (messageClass >= 0) {
            m.setHeader(ModemConstants.MESSAGE_CLASS, messageClass);
        }
        Ports ports = first.userData().ports();
        if (ports != null) {
            m.setHeader(ModemConstants.DESTINATION_PORT, ports.destination());
            m.setHeader(ModemConstants.SOURCE_PORT, ports.source());
        }
        if (first.userData().encoding() == Encoding.EIGHT_BIT && first.userData().text() == null) {
            m.setBody(data(sms));
        } else {
            m.setBody(sms.text());
        }
    }

    static void bindStatusReport(Exchange exchange, SmsStatusReport report, List<Integer> indexes, String modem) {
        Message m = exchange.getIn();
        m.setHeader(ModemConstants.KIND, ModemConstants.KIND_STATUS_REPORT);
        m.setHeader(ModemConstants.RECIPIENT, report.recipient().value());
        m.setHeader(ModemConstants.MESSAGE_REFERENCE, report.messageRef());
        m.setHeader(ModemConstants.STATUS, report.status());
        m.setHeader(ModemConstants.STATUS_CLASS, statusClass(report.status()));
        m.setHeader(ModemConstants.TIMESTAMP, report.timestamp());
        m.setHeader(ModemConstants.DISCHARGE_TIME, report.dischargeTime());
        m.setHeader(ModemConstants.SMSC, smsc(report.smsc()));
        m.setHeader(ModemConstants.STORAGE_INDEXES, List.copyOf(indexes));
        m.setHeader(ModemConstants.MODEM, modem);
        m.setBody(statusClass(report.status()));
    }

    /** TP-ST classes of 23.040 9.2.3.15: 0x00-0x1F done, 0x20-0x3F still trying, 0x40 and above given up. */
    static String statusClass(int status) {
        if (status < 0x20) {
            return "delivered";
        }
        return status < 0x40 ? "pending" : "failed";
    }

    private static String smsc(Address smsc) {
        return smsc != null ? smsc.value() : null;
    }

    private static byte[] data(PartAssembler.Assembled sms) {
        int length = 0;
        for (SmsDeliver p : sms.parts()) {
            length += p.userData().data() != null ? p.userData().data().length : 0;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (SmsDeliver p : sms.parts()) {
            byte[] d = p.userData().data();
            if (d != null) {
                System.arraycopy(d, 0, out, at, d.length);
                at += d.length;
            }
        }
        return out;
    }
}
