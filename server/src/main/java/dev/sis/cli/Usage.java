package dev.sis.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The usage text and the documentation table, both made from {@link Setting#ALL}. */
public final class Usage {
    private static final String INDENT = "        ";

    private Usage() {
    }

    /** The text {@code --help} prints. */
    public static String text() {
        StringBuilder b = new StringBuilder("""
                Usage: sis [flags]

                A simple image server: upload, store by MD5, download and resize on the fly.
                No configuration file is read. Every flag can also be set by its environment
                variable; a flag wins over the environment, which wins over the default.
                Go flag syntax works: -port 4444, -port=4444, --port 4444, --port=4444;
                a boolean is set with -localStore=false (a bare -localStore means true).

                Flags:
                """);
        for (Setting<?> s : Setting.ALL) {
            b.append("  ").append(String.join(", ", s.flags())).append(' ')
                    .append(s.type().isBoolean() ? "[=" + s.label() + "]" : "<" + s.label() + ">")
                    .append("   (").append(s.env()).append(", default ").append(s.defaultShown()).append(")\n")
                    .append(wrap(s.meaning()))
                    .append(wrap("Must be " + s.type().accepted() + "."));
        }
        return b.append("""
                  -h, -help, --help
                        Print this help and exit.
                  -version, --version
                        Print the version and exit.
                  check-config [flags]   (or --check-config [flags])
                        As the first argument: check the flags, the environment and the
                        data directory, print whether they are valid, and exit (0 valid,
                        2 not) without serving and without creating anything.

                Subcommands: sis migrate --help, sis sign --help, and as a client of a
                sis server: sis upload --help, sis get --help, sis info --help,
                sis delete --help.

                Exit codes: 0 help, the version or a valid check-config; 1 could not start or
                failed while running; 2 bad flags or environment (nothing started). A server
                stopped by a signal finishes its requests, then exits as the JVM does for that
                signal: 143 for SIGTERM, 130 for SIGINT, 129 for SIGHUP (128 + the signal).
                """).toString();
    }

    /** Makes picocli print {@code text} as the whole help of the command {@code spec} describes. */
    public static void install(CommandSpec spec, String text) {
        Map<String, picocli.CommandLine.IHelpSectionRenderer> sections = new HashMap<>();
        sections.put("text", help -> text);
        spec.usageMessage().sectionKeys(List.of("text")).sectionMap(sections);
    }

    /** Indented and wrapped at 80 columns. */
    private static String wrap(String text) {
        StringBuilder b = new StringBuilder();
        StringBuilder line = new StringBuilder(INDENT);
        for (String word : text.split(" ")) {
            if (line.length() > INDENT.length() && line.length() + 1 + word.length() > 80) {
                b.append(line).append('\n');
                line.setLength(0);
                line.append(INDENT);
            } else if (line.length() > INDENT.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return b.append(line).append('\n').toString();
    }

    /** The settings table of {@code docs/configuration.md}, in Markdown. */
    public static String markdownTable() {
        return "| flag | environment | default | meaning | accepted values |\n"
                + "|---|---|---|---|---|\n"
                + Setting.ALL.stream().map(s -> "| %s | `%s` | %s | %s | %s |\n".formatted(
                        s.flags().stream().map(f -> "`" + f + "`").collect(Collectors.joining(" ")),
                        s.env(),
                        s.defaultShown().equals(s.defaultValue()) ? "`" + s.defaultValue() + "`" : s.defaultShown(),
                        s.meaning(),
                        s.type().accepted()))
                .collect(Collectors.joining());
    }
}
