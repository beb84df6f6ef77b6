package org.switchboard.hub.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.switchboard.mo.MoRule;
import org.switchboard.mo.MoRuleStore;
import org.switchboard.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchboard mo rules add|list|remove}: which inbound SMS go to which application instead of the help desk. */
@Command(name = "mo", mixinStandardHelpOptions = true, description = "MO routing: inbound SMS to applications.",
        subcommands = { MoCommand.Rules.class })
final class MoCommand {

    @ParentCommand
    SwitchboardCommand root;

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "Add, list and remove the rules that hand inbound SMS to applications.",
            subcommands = { Add.class, ListRules.class, Remove.class })
    static final class Rules {
        @ParentCommand
        MoCommand parent;

        PrintWriter out() {
            return parent.root.spec.commandLine().getOut();
        }

        Database open(String apiPathAndArgs) {
            return HubDatabase.open(parent.root.settings(), apiPathAndArgs);
        }
    }

    /** Where a rule hands what it matches: a URL, or an SMPP account. */
    static final class Target {
        @Option(names = "--url", paramLabel = "URL", required = true, description = "the application's URL, with"
                + " Kannel's escapes: %%p sender, %%P short code, %%k keyword, %%s next word, %%r the words after the"
                + " keyword, %%a all words, %%b the text, %%t time, %%T Unix time, %%i channel, %%I the SMS's id")
        String url;

        @Option(names = "--smpp", paramLabel = "SYSTEM_ID", required = true,
                description = "the SMPP account whose receiver bind gets the SMS as deliver_sm")
        String systemId;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a rule, or replaces the rule of that name.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Parameters(paramLabel = "NAME", description = "a-z, 0-9, '.', '_', '-' (e.g. quiz)")
        String name;

        @Option(names = "--short-code", paramLabel = "NUMBER", description = "the number the SMS was sent to")
        String shortCode;

        @Option(names = "--keyword", split = ",", paramLabel = "WORD",
                description = "the SMS's first word, any case; several for aliases (REG,DAFTAR)")
        List<String> keywords;

        @Option(names = "--pattern", paramLabel = "REGEX", description = "a regular expression found in the text")
        String pattern;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--post", description = "POST the SMS's fields as a form instead of a GET")
        boolean post;

        @Option(names = "--reply", description = "the URL's answer (its body) is sent back to the sender as an SMS")
        boolean reply;

        @Option(names = "--priority", defaultValue = "100", description = "lower first (default: ${DEFAULT-VALUE})")
        int priority;

        @Override
        public Integer call() {
            MoRule r = new MoRule(name, shortCode, keywords, pattern,
                    target.url != null ? MoRule.Target.HTTP : MoRule.Target.SMPP, target.url, post ? "POST" : "GET",
                    reply, target.systemId, priority, System.getProperty("user.name") + " (CLI)", null);
            MoRule saved;
            try (Database db = rules.open("-X PUT -H 'Content-Type: application/json' -d '{...}' HOST/api/mo/rules/"
                    + name)) {
                saved = new MoRuleStore(db.dataSource()).save(r);
            }
            rules.out().println("MO rule " + saved.name() + " saved: " + describe(saved));
            rules.out().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the rules.")
    static final class ListRules implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Override
        public Integer call() {
            try (Database db = rules.open("HOST/api/mo/rules")) {
                for (MoRule r : new MoRuleStore(db.dataSource()).list()) {
                    rules.out().println(String.format("%-16s %s", r.name(), describe(r)));
                }
            }
            rules.out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a rule.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Database db = rules.open("-X DELETE HOST/api/mo/rules/" + name)) {
                if (!new MoRuleStore(db.dataSource()).remove(name)) {
                    throw new CliException(SwitchboardCommand.EXIT_INPUT, "no MO rule " + name);
                }
            }
            rules.out().println("MO rule " + name + " removed");
            rules.out().flush();
            return 0;
        }
    }

    static String describe(MoRule r) {
        String what = (r.shortCode() == null ? "any number" : "to " + r.shortCode())
                + (r.keywords().isEmpty() ? "" : ", first word " + String.join("|", r.keywords()))
                + (r.pattern() == null ? "" : ", text ~ /" + r.pattern() + "/");
        String where = r.target() == MoRule.Target.HTTP ? r.method() + " " + r.url() + (r.reply() ? ", answer replied"
                : "") : "SMPP account " + r.systemId();
        return what + " -> " + where + ", priority " + r.priority();
    }
}
