package dev.sis.cli;

import dev.sis.security.UrlSigner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code sis sign [--signing-key KEY] PATH?QUERY…}: prints each URL signed with the key (from the
 * flag, else {@code SIS_SIGNING_KEY}), one per line, the way the server checks them.
 */
public final class SignCommand implements Callable<Integer> {
    public static final String NAME = "sign";
    private static final String USAGE = """
            Usage: sis sign [--signing-key KEY] URL...
            Prints each variant URL (a path with its query, like "/v1/images/MD5?w=100") with its
            sig parameter, signed with KEY (or the SIS_SIGNING_KEY variable), as the server checks it.
            """;

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final SettingFlags flags;
    private final PositionalParamSpec urls = PositionalParamSpec.builder().arity("0..*").type(List.class)
            .auxiliaryTypes(String.class).paramLabel("URL").build();
    private final PrintStream out;
    private final PrintStream err;

    private SignCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        spec.name(NAME).addPositional(urls)
                .addOption(OptionSpec.builder("-h", "-help", "--help").usageHelp(true).build());
        this.flags = new SettingFlags(spec, "sis sign", List.of(Setting.SIGNING_KEY), env);
        Usage.install(spec, USAGE);
    }

    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(new SignCommand(env, out, err).spec);
    }

    @Override
    public Integer call() {
        SettingValues values = flags.read(spec.commandLine().getParseResult());
        List<String> given = urls.getValue() == null ? List.of() : urls.getValue();
        List<String> problems = new ArrayList<>(values.problems());
        for (String url : given) {
            if (!url.startsWith("/")) {
                problems.add("unexpected argument " + SettingValues.quote(url) + " (a URL starts with /)");
            }
        }
        Optional<String> key = values.get(Setting.SIGNING_KEY);
        if (key != null && key.isEmpty()) {
            problems.add("a key is needed: --signing-key KEY or SIS_SIGNING_KEY");
        }
        if (given.isEmpty()) {
            problems.add("give the URL to sign, like /v1/images/MD5?w=100");
        }
        if (!problems.isEmpty()) {
            return CommandLineParser.refuse(err, "sis sign", problems, USAGE);
        }
        UrlSigner signer = new UrlSigner(key.orElseThrow());
        given.forEach(url -> out.println(signer.signUrl(url)));
        return ExitCode.OK;
    }
}
