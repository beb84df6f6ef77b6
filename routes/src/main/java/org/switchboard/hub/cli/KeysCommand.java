package org.switchboard.hub.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.switchboard.auth.ApiKey;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.Role;
import org.switchboard.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard keys create|list|revoke}: API keys for applications (header X-API-Key). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = { KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class })
final class KeysCommand {

    @ParentCommand
    SwitchboardCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key and prints it, this once: only its SHA-256 is kept.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "NAME", description = "what uses it, e.g. playsms")
        String name;

        @Option(names = "--role", defaultValue = "staff", description = "admin or staff (default: ${DEFAULT-VALUE})")
        String role;

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            ApiKeyStore.CreatedKey created;
            try (Database db = HubDatabase.open(parent.root.settings(), "-X POST -H 'Content-Type: application/json'"
                    + " -d '{\"name\": \"" + name + "\", \"role\": \"" + r.text() + "\"}' HOST/api/keys")) {
                created = new ApiKeyStore(db.dataSource()).create(name, r, System.getProperty("user.name") + " (CLI)");
            }
            PrintWriter out = parent.root.spec.commandLine().getOut();
            out.println(created.key());
            out.flush();
            parent.root.spec.commandLine().getErr().println("API key " + created.info().name() + " ("
                    + created.info().role().text() + ") created; keep it now, it is not shown again."
                    + " Send it as the X-API-Key header.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.root.spec.commandLine().getOut();
            try (Database db = HubDatabase.open(parent.root.settings(), "HOST/api/keys")) {
                for (ApiKey k : new ApiKeyStore(db.dataSource()).list()) {
                    out.println(String.format("%-24s %-6s created %s by %s%s", k.name(), k.role().text(),
                            k.createdAt().toLocalDate(), k.createdBy(),
                            k.revoked() ? ", REVOKED " + k.revokedAt().toLocalDate() : ""));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes the live key of that name.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Database db = HubDatabase.open(parent.root.settings(), "-X DELETE HOST/api/keys/" + name)) {
                if (!new ApiKeyStore(db.dataSource()).revoke(name)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no live API key " + name);
                }
            }
            PrintWriter out = parent.root.spec.commandLine().getOut();
            out.println("API key " + name.strip().toLowerCase(java.util.Locale.ROOT) + " revoked; a running hub"
                    + " accepts it for at most switchboard.http.auth-cache-seconds more");
            out.flush();
            return 0;
        }
    }
}
