package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of every command is named in the document that describes the command: the
 * client's ({@code upload}, {@code get}, {@code info}, {@code delete}) in docs/clients.md, sis's
 * own and the others in the README. sis's settings are also checked table against table by
 * {@code ConfigurationDocTest}; this catches a flag added to a picocli command and not to its docs.
 */
class CommandFlagsDocTest {
    private static final Map<String, String> DOC_OF = Map.of("upload", "docs/clients.md", "get", "docs/clients.md",
            "info", "docs/clients.md", "delete", "docs/clients.md", "migrate", "README.md", "sign", "README.md",
            "check-config", "README.md");

    @Test
    void everyFlagOfSisItselfIsInTheReadme() throws IOException {
        assertThat(undocumented(tree(), "README.md")).as("flags no document names").isEmpty();
    }

    @Test
    void everySubcommandFlagIsInItsDocument() throws IOException {
        CommandLine tree = tree();
        assertThat(DOC_OF.keySet()).as("a document for each subcommand")
                .isEqualTo(tree.getSubcommands().values().stream().map(CommandLine::getCommandName).collect(Collectors.toSet()));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> command : DOC_OF.entrySet()) {
            missing.addAll(undocumented(tree.getSubcommands().get(command.getKey()), command.getValue()));
        }
        assertThat(missing).as("flags no document names").isEmpty();
    }

    private static CommandLine tree() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return SisCommandLine.tree(Map.of(), quiet, quiet, config -> { });
    }

    /** The flags of {@code command} that {@code file} does not name, each as "sis COMMAND --FLAG (in FILE)". */
    private static List<String> undocumented(CommandLine command, String file) throws IOException {
        String doc = Files.readString(Path.of(file));
        return command.getCommandSpec().options().stream().map(CommandFlagsDocTest::longest)
                .filter(name -> !named(doc, name))
                .map(name -> command.getCommandSpec().qualifiedName() + " " + name + " (in " + file + ")").toList();
    }

    /** {@code --output} rather than {@code -o}: the spelling a reader looks for. */
    private static String longest(OptionSpec option) {
        return java.util.Arrays.stream(option.names()).max(Comparator.comparingInt(String::length)).orElseThrow();
    }

    /** The flag as a word of its own: {@code --h} is not found inside {@code --help}. */
    private static boolean named(String doc, String flag) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])").matcher(doc).find();
    }
}
