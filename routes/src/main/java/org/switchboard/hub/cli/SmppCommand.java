package org.switchboard.hub.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccount;
import org.switchboard.smpp.SmppAccountStore;
import org.switchboard.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard smpp accounts add|list|passwd|remove}: the applications that bind to the hub's SMPP server. */
@Command(name = "smpp", mixinStandardHelpOptions = true, description = "The hub's SMPP server for applications.",
        subcommands = { SmppCommand.Accounts.class })
final class SmppCommand {

    @ParentCommand
    SwitchboardCommand root;

    @Command(name = "accounts", mixinStandardHelpOptions = true,
            description = "Add, list and remove the SMPP accounts applications bind with, set their passwords.",
            subcommands = { Add.class, ListAccounts.class, Passwd.class, Remove.class })
    static final class Accounts {
        @ParentCommand
        SmppCommand parent;

        PrintWriter out() {
            return parent.root.spec.commandLine().getOut();
        }

        Database open(String apiPathAndArgs) {
            return HubDatabase.open(parent.root.settings(), apiPathAndArgs);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Adds an account. Its password is given with --password, else read as for users add (--password-file, the"
                + " terminal, standard input): 1 to 8 printable ASCII characters, as SMPP 3.4 carries." })
    static final class Add implements Callable<Integer> {
        @ParentCommand
        Accounts accounts;

        @Parameters(paramLabel = "SYSTEM_ID", description = "1 to 15 letters, digits and . _ @ - (e.g. bankapp)")
        String systemId;

        @Option(names = "--password", paramLabel = "PASS", description = "the bind's password")
        String password;

        @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the password")
        java.nio.file.Path passwordFile;

        @Option(names = "--bind-types", split = ",", paramLabel = "TYPE",
                description = "transmitter, receiver, transceiver (default: all three)")
        List<String> bindTypes;

        @Option(names = "--source", split = ",", paramLabel = "ADDR",
                description = "source addresses it may submit from; PREFIX* for a range (default: any)")
        List<String> sources;

        @Option(names = "--throughput", defaultValue = "0",
                description = "submit_sm a second over all its binds; 0: no limit (default: ${DEFAULT-VALUE})")
        int throughput;

        @Option(names = "--max-binds", defaultValue = "4",
                description = "binds open at once (default: ${DEFAULT-VALUE})")
        int maxBinds;

        @Override
        public Integer call() {
            String pass = SmppAccountStore.checkedPassword(password != null ? password
                    : PasswordInput.read(passwordFile, systemId));
            Set<BindKind> kinds = EnumSet.noneOf(BindKind.class);
            if (bindTypes == null || bindTypes.isEmpty()) {
                kinds.addAll(EnumSet.allOf(BindKind.class));
            } else {
                bindTypes.forEach(t -> kinds.add(BindKind.parse(t)));
            }
            NewSmppAccount a = new NewSmppAccount(systemId, pass, kinds, sources == null ? List.of() : sources,
                    throughput, maxBinds);
            SmppAccount created;
            try (Database db = accounts.open("-X POST -H 'Content-Type: application/json' -d '{\"systemId\": \""
                    + systemId + "\", \"password\": \"...\"}' HOST/api/smpp/accounts")) {
                created = new SmppAccountStore(db.dataSource()).add(a, System.getProperty("user.name") + " (CLI)");
            }
            PrintWriter out = accounts.out();
            out.println("SMPP account " + created.systemId() + " added: " + describe(created));
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts (never passwords).")
    static final class ListAccounts implements Callable<Integer> {
        @ParentCommand
        Accounts accounts;

        @Override
        public Integer call() {
            PrintWriter out = accounts.out();
            try (Database db = accounts.open("HOST/api/smpp/accounts")) {
                for (SmppAccount a : new SmppAccountStore(db.dataSource()).list()) {
                    out.println(String.format("%-16s %s; created %s by %s", a.systemId(), describe(a),
                            a.createdAt().toLocalDate(), a.createdBy()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets an account's password.")
    static final class Passwd implements Callable<Integer> {
        @ParentCommand
        Accounts accounts;

        @Parameters(paramLabel = "SYSTEM_ID")
        String systemId;

        @Option(names = "--password", paramLabel = "PASS")
        String password;

        @Option(names = "--password-file", paramLabel = "FILE")
        java.nio.file.Path passwordFile;

        @Override
        public Integer call() {
            String pass = SmppAccountStore.checkedPassword(password != null ? password
                    : PasswordInput.read(passwordFile, systemId));
            try (Database db = accounts.open("-X PUT HOST/api/smpp/accounts/" + systemId + "/password")) {
                if (!new SmppAccountStore(db.dataSource()).setPassword(systemId, pass)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no SMPP account " + systemId);
                }
            }
            accounts.out().println("password of SMPP account " + systemId + " set; binds already open stay bound");
            accounts.out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes an account; what it submitted stays, and is still sent.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        Accounts accounts;

        @Parameters(paramLabel = "SYSTEM_ID")
        String systemId;

        @Override
        public Integer call() {
            try (Database db = accounts.open("-X DELETE HOST/api/smpp/accounts/" + systemId)) {
                if (!new SmppAccountStore(db.dataSource()).remove(systemId)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no SMPP account " + systemId);
                }
            }
            accounts.out().println("SMPP account " + systemId + " removed");
            accounts.out().flush();
            return 0;
        }
    }

    static String describe(SmppAccount a) {
        return String.join("+", a.bindKinds().stream().sorted().map(BindKind::text).toList())
                + (a.allowedSources().isEmpty() ? ", any source" : ", sources " + String.join(",", a.allowedSources()))
                + (a.throughput() == 0 ? ", no throughput limit" : ", " + a.throughput() + "/s")
                + ", " + a.maxBinds() + " bind(s) at once";
    }
}
