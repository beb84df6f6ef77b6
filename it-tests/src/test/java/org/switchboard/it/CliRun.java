package org.switchboard.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.switchboard.hub.cli.SwitchboardCommand;
import org.switchboard.hub.config.Settings;
import picocli.CommandLine;

/** One {@code switchboard ...} command run in this JVM with the given settings, as a shell would: exit code and output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> settings, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SwitchboardCommand.commandLine(() -> Settings.of(settings));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
