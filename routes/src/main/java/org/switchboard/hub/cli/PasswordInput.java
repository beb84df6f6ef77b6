package org.switchboard.hub.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A new password for {@code users add|passwd}: the first line of a file, else typed twice at the terminal (not
 * echoed), else the first line of standard input (for scripts). Never a command-line argument, which other users of
 * the machine can read in the process list and which the shell keeps in its history.
 */
final class PasswordInput {
    private PasswordInput() {
    }

    static String read(Path file, String user) {
        if (file != null) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return firstLine(r.readLine(), file.toString());
            } catch (IOException e) {
                throw new CliException(SwitchboardCommand.EXIT_INPUT, "cannot read " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New password for %s: ", user);
            char[] again = console.readPassword("Once more: ");
            try {
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "the two passwords differ; nothing changed");
                }
                return new String(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, ' ');
                }
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
            }
        }
        try {
            return firstLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(),
                    "standard input");
        } catch (IOException e) {
            throw new CliException(SwitchboardCommand.EXIT_INPUT, "cannot read standard input: " + e.getMessage());
        }
    }

    private static String firstLine(String line, String where) {
        if (line == null || line.isEmpty()) {
            throw new CliException(SwitchboardCommand.EXIT_INPUT, "no password in " + where + " (its first line)");
        }
        return line;
    }
}
