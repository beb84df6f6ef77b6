package org.switchboard.hub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.switchboard.contacts.Contact;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.ContactStore;
import org.switchboard.contacts.ImportReport;
import org.switchboard.contacts.Reach;
import org.switchboard.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard contacts import|list}: the contact list in the hub's database. */
@Command(name = "contacts", mixinStandardHelpOptions = true, description = "Import and list contacts.",
        subcommands = { ContactsCommand.Import.class, ContactsCommand.ListContacts.class })
final class ContactsCommand {

    @ParentCommand
    SwitchboardCommand root;

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Imports contacts from a CSV file with a header row: a column name, a column with the number (phone,"
                + " number, phone_number, mobile, msisdn, hp or no_hp), every other column an attribute.",
        "Known numbers are updated (attributes merged, none deleted); opt-outs stay. Prints what was created,"
                + " updated, merged and rejected (with line numbers)." })
    static final class Import implements Callable<Integer> {
        @ParentCommand
        ContactsCommand parent;

        @Parameters(paramLabel = "FILE.csv", description = "the CSV file (comma or semicolon separated)")
        Path file;

        @Option(names = "--charset", defaultValue = "UTF-8",
                description = "the file's character set (default: ${DEFAULT-VALUE}; Excel's plain \"CSV\" is windows-1252)")
        Charset charset;

        @Option(names = "--region", description = "where numbers without a country code belong (default: the hub's"
                + " switchboard.region)")
        String region;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CliException(SwitchboardCommand.EXIT_INPUT, "cannot read " + file + ": no such readable file");
            }
            var settings = parent.root.settings();
            String where = region != null ? region : settings.get("switchboard.region");
            ImportReport report;
            try (BufferedReader csv = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
                    Database db = HubDatabase.open(settings, "-H 'Content-Type: text/csv' --data-binary @" + file
                            + " HOST/api/contacts/import")) {
                report = new ContactStore(db.dataSource()).importCsv(csv, where);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, file + " is not " + charset.name()
                            + " text: save it as \"CSV UTF-8\", or give its character set, e.g. --charset windows-1252."
                            + " Nothing was imported.");
                }
                throw new CliException(SwitchboardCommand.EXIT_INPUT, "cannot read " + file + ": " + e.getMessage()
                        + ". Nothing was imported.");
            }
            PrintWriter out = parent.root.spec.commandLine().getOut();
            out.print(report.toText());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists contacts, all or those a filter picks.")
    static final class ListContacts implements Callable<Integer> {
        @ParentCommand
        ContactsCommand parent;

        @Option(names = "--filter", paramLabel = "FILTER",
                description = "e.g. \"school=SMA N 1 Yogyakarta; major=IPA\" (every condition must match)")
        String filter;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many (default: ${DEFAULT-VALUE})")
        int offset;

        @Option(names = "--limit", defaultValue = "100", description = "show at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            ContactFilter f = ContactFilter.parse(filter);
            String query = filter == null ? "" : "?filter=" + java.net.URLEncoder.encode(filter,
                    java.nio.charset.StandardCharsets.UTF_8);
            PrintWriter out = parent.root.spec.commandLine().getOut();
            try (Database db = HubDatabase.open(parent.root.settings(), "'HOST/api/contacts" + query + "'")) {
                ContactStore store = new ContactStore(db.dataSource());
                Reach reach = store.reach(f);
                out.println(reach.contacts() + " contact(s)" + (f.matchesAll() ? "" : " where " + f.describe()) + ", "
                        + reach.optedOut() + " of them opted out" + (reach.contacts() == 0 ? "." : ":"));
                for (Contact c : store.list(f, offset, limit)) {
                    out.println(line(c));
                }
                long shown = Math.max(0, Math.min(limit, reach.contacts() - offset));
                if (offset + shown < reach.contacts()) {
                    out.println("(" + shown + " shown; --offset " + (offset + shown) + " for more)");
                }
            }
            out.flush();
            return 0;
        }

        private static String line(Contact c) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-16s %-24s", c.number(), c.name() == null ? "-" : c.name()));
            for (Map.Entry<String, String> a : c.attributes().entrySet()) {
                sb.append(' ').append(a.getKey()).append('=').append(a.getValue()).append(';');
            }
            if (c.optedOut()) {
                sb.append("  [opted out]");
            }
            return sb.toString();
        }
    }
}
