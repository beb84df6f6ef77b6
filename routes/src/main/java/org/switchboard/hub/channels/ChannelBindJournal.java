package org.switchboard.hub.channels;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.smpp.BindEvents;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.smpp.SmppStore;

/**
 * An smpp channel's binds to its SMSC in smpp_bind (channel set) and the journal: each bind made, refused or not
 * made, and lost. The database being away costs only these records: the bind goes on.
 */
final class ChannelBindJournal implements BindEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBindJournal.class);
    private static final String ROUTE = "smpp-channel";

    private final String channel;
    private final String systemId;
    private final String smsc;
    private final SmppStore store;
    private final JournalWriter journal;
    private final Map<String, Long> open = new ConcurrentHashMap<>();

    /** @param journal null when the journal is off */
    ChannelBindJournal(String channel, String systemId, String smsc, SmppStore store, JournalWriter journal) {
        this.channel = channel;
        this.systemId = systemId;
        this.smsc = smsc;
        this.store = store;
        this.journal = journal;
    }

    @Override
    public void bound(String bind, String detail) {
        record(bind, 0, "smpp-channel-bound", detail, null);
    }

    @Override
    public void failed(String bind, int status, String why) {
        record(bind, status, "smpp-channel-bind-failed", "to " + smsc + " as " + systemId, why);
    }

    @Override
    public void lost(String bind, String why) {
        Long id = open.remove(bind);
        if (id == null) {
            return;
        }
        try {
            store.bindClosed(id);
        } catch (RuntimeException e) {
            LOG.warn("smpp {}: the loss of bind {} not recorded: {}", channel, bind, e.getMessage());
        }
        hop(id, "smpp-channel-bind-lost", bind + " to " + smsc, why);
    }

    private void record(String bind, int status, String hop, String detail, String error) {
        try {
            long id = store.channelBindOpened(channel, bind, systemId, smsc, status);
            if (status == 0) {
                open.put(bind, id);
            }
            hop(id, hop, bind + ": " + detail, error);
        } catch (RuntimeException e) {
            LOG.warn("smpp {}: bind {} not recorded: {}", channel, bind, e.getMessage());
        }
    }

    private void hop(long id, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.SMPP_BIND, id, hop, ROUTE, "channel " + channel + ", " + detail, error));
        }
    }
}
