package dev.sis.cli;

import dev.sis.cli.SettingValues.Outcome;
import dev.sis.cli.SettingValues.Source;
import dev.sis.cli.ValueType.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's flags made from {@link Setting}s, read the way sis 2.0's Go flags were and so that
 * every problem of a command line is reported at once.
 *
 * <p>Design note: picocli splits the arguments, takes a flag that is not given from its
 * {@code SIS_…} variable ({@link EnvironmentDefaults}) or the setting's default, and converts the
 * text with the setting's {@link ValueType}. The converter installed here does not throw: it
 * keeps a refused value as an {@link Outcome.Refused}, reported with the others, because picocli
 * stops at the first failed conversion (and, when it collects errors instead, skips the defaults
 * of every flag after it). A flag given without a value gets {@link #NO_VALUE} (NUL, which no
 * argument can hold) instead of picocli's missing-parameter error, for the same reason. Go's
 * syntax: one or two dashes, a value after {@code =} or a space, a bare boolean means true, the
 * last of a repeated flag wins (but a list whose type has a {@code repeatSeparator}, like {@code --preset}, adds up), no clustering ({@code -port4444} is unknown), and {@code @file}
 * is a value, not a file to read.
 */
public final class SettingFlags {
    private static final String NO_VALUE = "\0";

    private final String command;
    private final Map<Setting<?>, OptionSpec> options = new LinkedHashMap<>();
    private final EnvironmentDefaults environment;

    /**
     * Adds a flag for each setting to {@code spec} and makes it read the settings' variables in {@code env}.
     *
     * @param command the command's name in messages, like {@code sis migrate}
     */
    public SettingFlags(CommandSpec spec, String command, List<? extends Setting<?>> settings, Map<String, String> env) {
        this.command = command;
        this.environment = new EnvironmentDefaults(env);
        spec.defaultValueProvider(environment);
        spec.interpolateVariables(false); // "${…}" in a value is text, not a lookup
        spec.parser()
                .unmatchedArgumentsAllowed(true)           // reported with the other problems
                .overwrittenOptionsAllowed(true)           // as in Go: the last one wins
                .posixClusteredShortOptionsAllowed(false)
                .allowSubcommandsAsOptionParameters(true)  // "-image upload" names a directory
                .expandAtFiles(false);
        for (Setting<?> setting : settings) {
            OptionSpec flag = OptionSpec.builder(setting.flags().toArray(String[]::new))
                    .type(Object.class) // not Boolean: picocli would then read only true and false
                    .converters(raw -> convert(setting, raw))
                    .arity("0..1")
                    .fallbackValue(setting.type().isBoolean() ? "true" : NO_VALUE)
                    .defaultValue(setting.defaultValue())
                    .paramLabel("<" + setting.label() + ">")
                    .description(setting.meaning())
                    .build();
            spec.addOption(flag);
            environment.bind(flag, setting);
            options.put(setting, flag);
        }
    }

    private static Outcome convert(Setting<?> setting, String raw) {
        if (raw.equals(NO_VALUE)) {
            return new Outcome.NoValue();
        }
        try {
            return new Outcome.Parsed(raw, setting.type().parse(raw));
        } catch (InvalidValueException e) {
            return new Outcome.Refused(raw, e.getMessage());
        }
    }

    /**
     * The settings as {@code parsed} (this command's part of the parse) left them, in the order
     * they were added, then a problem for each argument no flag took.
     */
    public SettingValues read(CommandLine.ParseResult parsed) {
        SettingValues values = new SettingValues();
        options.forEach((setting, flag) -> {
            Source source = parsed.hasMatchedOption(flag) ? Source.FLAG
                    : environment.isSet(setting) ? Source.ENVIRONMENT : Source.DEFAULT;
            if (setting.type().repeatSeparator() != null && flag.originalStringValues().size() > 1) {
                values.add(setting, source, convert(setting,
                        String.join(setting.type().repeatSeparator(), flag.originalStringValues())));
            } else if (flag.getValue() instanceof Outcome outcome) {
                values.add(setting, source, outcome);
            }
        });
        for (String arg : parsed.unmatched()) {
            values.problem(unmatched(arg));
        }
        return values;
    }

    private String unmatched(String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        boolean known = options.keySet().stream().anyMatch(s -> s.flags().contains(name)); // a flag after "--"
        if (!arg.startsWith("-") || arg.equals("-") || known) {
            return "unexpected argument " + SettingValues.quote(arg) + " (" + command + " takes only flags)";
        }
        return "unknown flag " + SettingValues.quote(name)
                + FlagSuggestion.closest(name, options.keySet()).map(s -> "; did you mean " + s + "?").orElse("");
    }
}
