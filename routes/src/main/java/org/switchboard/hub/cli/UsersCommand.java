package org.switchboard.hub.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.switchboard.auth.Role;
import org.switchboard.auth.User;
import org.switchboard.auth.UserStore;
import org.switchboard.calls.CallStore;
import org.switchboard.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard users add|list|passwd|extension}: who signs in to the HTTP API and the dashboard. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Add and list users, change passwords, set"
        + " their phones' extensions.", subcommands = { UsersCommand.Add.class, UsersCommand.ListUsers.class,
            UsersCommand.Passwd.class, UsersCommand.Extension.class })
final class UsersCommand {

    @ParentCommand
    SwitchboardCommand root;

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Adds a user. The password is read from --password-file, else asked twice at the terminal, else read from"
                + " standard input (its first line); at least " + UserStore.MIN_PASSWORD + " characters." })
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "NAME", description = "a-z, 0-9, '.', '_', '@', '-' (e.g. budi)")
        String name;

        @Option(names = "--role", defaultValue = "staff", description = "admin or staff (default: ${DEFAULT-VALUE})")
        String role;

        @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            String password = UserStore.checkedNewPassword(PasswordInput.read(passwordFile, name));
            try (Database db = HubDatabase.open(parent.root.settings(), "-X POST -H 'Content-Type: application/json'"
                    + " -d '{\"name\": \"" + name + "\", \"role\": \"" + r.text() + "\", \"password\": \"...\"}'"
                    + " HOST/api/users")) {
                User u = new UserStore(db.dataSource()).add(name, r, password);
                PrintWriter out = parent.root.spec.commandLine().getOut();
                out.println("user " + u.name() + " added (" + u.role().text() + ")");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.root.spec.commandLine().getOut();
            try (Database db = HubDatabase.open(parent.root.settings(), "HOST/api/users")) {
                for (User u : new UserStore(db.dataSource()).list()) {
                    out.println(String.format("%-24s %-6s created %s, password changed %s", u.name(), u.role().text(),
                            u.createdAt().toLocalDate(), u.passwordChangedAt().toLocalDate()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = {
        "Sets a user's password (read as for add). The hub sets admin's back to SWITCHBOARD_ADMIN_PASSWORD (or its"
                + " generated file) at each start: change that instead." })
    static final class Passwd implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() {
            String password = UserStore.checkedNewPassword(PasswordInput.read(passwordFile, name));
            try (Database db = HubDatabase.open(parent.root.settings(), "-X POST -H 'Content-Type: application/json'"
                    + " -d '{\"password\": \"...\"}' HOST/api/users/" + name + "/password")) {
                if (!new UserStore(db.dataSource()).setPassword(name, password)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no user " + name);
                }
            }
            PrintWriter out = parent.root.spec.commandLine().getOut();
            out.println("password of " + name.strip().toLowerCase(java.util.Locale.ROOT) + " changed; a running hub"
                    + " accepts the old one for at most switchboard.http.auth-cache-seconds more");
            out.flush();
            return 0;
        }
    }

    @Command(name = "extension", mixinStandardHelpOptions = true, description = {
        "Sets the extension of the user's phone on the PBX: the agent of the click-to-calls they ask for without naming"
                + " one. Without EXTENSION, clears it." })
    static final class Extension implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "EXTENSION", arity = "0..1", description = "e.g. 1001")
        String extension;

        @Override
        public Integer call() {
            try (Database db = HubDatabase.open(parent.root.settings(), "-X PUT -H 'Content-Type: application/json'"
                    + " -d '{\"extension\": \"" + (extension == null ? "" : extension) + "\"}' HOST/api/users/" + name
                    + "/extension")) {
                boolean set;
                try {
                    set = new CallStore(db.dataSource()).setExtension(name, extension);
                } catch (IllegalArgumentException e) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, e.getMessage());
                }
                if (!set) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no user " + name);
                }
            }
            PrintWriter out = parent.root.spec.commandLine().getOut();
            out.println(extension == null ? "extension of " + name + " cleared"
                    : "extension of " + name + " is " + extension);
            out.flush();
            return 0;
        }
    }
}
