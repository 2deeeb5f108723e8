package dev.sis.cli;

import dev.sis.security.UrlSigner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sis sign [--signing-key KEY] PATH?QUERY…}: prints each URL signed with the key (from the
 * flag, else {@code SIS_SIGNING_KEY}), one per line, the way the server checks them.
 */
public final class SignCommand {
    public static final String NAME = "sign";
    private static final String USAGE = """
            Usage: sis sign [--signing-key KEY] URL...
            Prints each variant URL (a path with its query, like "/v1/images/MD5?w=100") with its
            sig parameter, signed with KEY (or the SIS_SIGNING_KEY variable), as the server checks it.
            """;

    private SignCommand() {
    }

    /** @return the exit code: 0, or 2 for a bad command line */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String key = env.getOrDefault(Setting.SIGNING_KEY.env(), "");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-help")) {
                out.print(USAGE);
                return 0;
            } else if (Setting.SIGNING_KEY.flags().contains(arg) && i + 1 < args.size()) {
                key = args.get(++i);
            } else if (arg.contains("=") && Setting.SIGNING_KEY.flags().contains(arg.substring(0, arg.indexOf('=')))) {
                key = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("/")) {
                urls.add(arg);
            } else {
                return usage(err, "sis sign: unexpected argument " + CommandLineParser.quote(arg)
                        + " (a URL starts with /)");
            }
        }
        Optional<String> valid;
        try {
            valid = ValueType.optionalSecret().parse(key);
        } catch (ValueType.InvalidValueException e) {
            return usage(err, "sis sign: --signing-key: " + e.getMessage());
        }
        if (valid.isEmpty() || urls.isEmpty()) {
            return usage(err, valid.isEmpty() ? "sis sign: a key is needed: --signing-key KEY or SIS_SIGNING_KEY"
                    : "sis sign: give the URL to sign, like /v1/images/MD5?w=100");
        }
        UrlSigner signer = new UrlSigner(valid.get());
        urls.forEach(url -> out.println(signer.signUrl(url)));
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.print(USAGE);
        return 2;
    }
}
