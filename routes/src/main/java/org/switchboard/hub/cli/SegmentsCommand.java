package org.switchboard.hub.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.Reach;
import org.switchboard.contacts.Segment;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard segments save|list|delete}: named filters that broadcasts go to. */
@Command(name = "segments", mixinStandardHelpOptions = true, description = "Save, list and delete segments (named filters).",
        subcommands = { SegmentsCommand.Save.class, SegmentsCommand.ListSegments.class, SegmentsCommand.Delete.class })
final class SegmentsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    SwitchboardCommand root;

    PrintWriter out() {
        return root.spec.commandLine().getOut();
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Creates the segment, or replaces its filter and description.")
    static final class Save implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "a-z, 0-9, '.', '_', '-' (e.g. sma1-ipa-2018)")
        String name;

        @Parameters(index = "1", paramLabel = "FILTER", description = "e.g. \"school=SMA N 1 Yogyakarta; major=IPA\"")
        String filter;

        @Option(names = "--description", description = "what the segment is for")
        String description;

        @Override
        public Integer call() throws JsonProcessingException {
            String key = SegmentStore.segmentName(name);
            ContactFilter f = ContactFilter.parse(filter);
            Map<String, String> request = new LinkedHashMap<>();
            request.put("filter", f.toText());
            if (description != null) {
                request.put("description", description);
            }
            String body = JSON.writeValueAsString(request);
            try (Database db = HubDatabase.open(parent.root.settings(), "-X PUT -H 'Content-Type: application/json'"
                    + " --data '" + body.replace("'", "'\\''") + "' HOST/api/segments/" + key)) {
                Segment s = new SegmentStore(db.dataSource()).save(key, f, description, System.getProperty("user.name"));
                Reach reach = new ContactStore(db.dataSource()).reach(s.filter());
                parent.out().println("saved segment " + s.name() + ": " + s.filter().describe() + " (" + reach.reachable()
                        + " contact(s) to text, " + reach.optedOut() + " opted out)");
            }
            parent.out().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the segments with how many they reach.")
    static final class ListSegments implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Override
        public Integer call() {
            try (Database db = HubDatabase.open(parent.root.settings(), "HOST/api/segments")) {
                List<Segment> segments = new SegmentStore(db.dataSource()).list();
                ContactStore contacts = new ContactStore(db.dataSource());
                parent.out().println(segments.size() + " segment(s)" + (segments.isEmpty() ? "." : ":"));
                for (Segment s : segments) {
                    Reach reach = contacts.reach(s.filter());
                    parent.out().println(String.format("%-24s %s  [%d to text, %d opted out]%s", s.name(),
                            s.filter().describe(), reach.reachable(), reach.optedOut(),
                            s.description() == null ? "" : "  " + s.description()));
                }
            }
            parent.out().flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a segment.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            String key = SegmentStore.segmentName(name);
            try (Database db = HubDatabase.open(parent.root.settings(), "-X DELETE HOST/api/segments/" + key)) {
                if (!new SegmentStore(db.dataSource()).delete(key)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no segment named " + key);
                }
            }
            parent.out().println("deleted segment " + key);
            parent.out().flush();
            return 0;
        }
    }
}
