package org.switchboard.hub.api;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.main.Main;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.UserStore;
import org.switchboard.broadcast.BroadcastAudience;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRecipients;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.BroadcastTimeline;
import org.switchboard.channel.Channels;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.http.Admission;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpRouteConfiguration;
import org.switchboard.hub.http.UnmatchedRoute;
import org.switchboard.journal.JournalReader;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageHistory;
import org.switchboard.store.MessageStore;
import org.switchboard.store.MessageTally;

/**
 * The HTTP API as the hub adds it: the REST configuration and its OpenAPI document, the route configuration every HTTP
 * route shares (who may call, errors as JSON), the fallback for what no route takes, and every area of /api. The other
 * HTTP areas (the dashboard and its sign-in, /metrics, Kannel's sendsms) are added beside it, on the same
 * configuration.
 */
public final class ApiRoutes {
    /** The paths whose requests need credentials, those no route takes included (/metrics: MetricsRoute's). */
    private static final List<String> CREDENTIALED = List.of("/api", "/metrics");

    private ApiRoutes() {
    }

    /** What the API works with besides its credentials and where it listens. */
    public record Parts(DataSource dataSource, MessageStore store, PhoneNumbers numbers, Channels channels,
            BroadcastStore broadcasts, BroadcastPlanner planner, SegmentStore segments, UserStore users,
            ApiKeyStore keys, Supplier<MessageTally.Counts> counts, String region, ZoneId zone, int maxParts) {
    }

    /**
     * Adds the API's routes to {@code main}, on the Jetty component bound as {@code jetty}.
     *
     * @param host and port where the hub's HTTP server listens
     */
    public static void addTo(Main main, ApiCredentials credentials, String host, int port, Parts parts) {
        Admission admission = new Admission(credentials);
        DataSource db = parts.dataSource();
        List.of(new HttpRouteConfiguration(admission),
                new OpenApiRoute(host, port),
                new UnmatchedRoute(host, port, admission, CREDENTIALED),
                new HttpApiRoute(new JournalReader(db), credentials),
                new SmsApiRoute(parts.store(), parts.numbers(), parts.channels(), parts.maxParts()),
                new MessageHistoryApiRoute(new MessageHistory(db), parts.numbers(), parts.zone()),
                new BroadcastApiRoute(new BroadcastApiRoute.Parts(parts.broadcasts(), parts.planner(),
                        new BroadcastAudience(parts.segments()), new BroadcastRecipients(db), new BroadcastTimeline(db),
                        new BroadcastReport(db), parts.channels(), parts.zone())),
                new ContactsApiRoute(new ContactStore(db), parts.region()),
                new SegmentsApiRoute(new ContactStore(db), parts.segments()),
                new ModemsApiRoute(new ModemReport(parts.channels(), parts.counts())),
                new AccountsApiRoute(parts.users(), parts.keys(), credentials))
                .forEach(main.configure()::addRoutesBuilder);
    }
}
