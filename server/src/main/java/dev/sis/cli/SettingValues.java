package dev.sis.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one command line as picocli read them: each one's value, where it came from,
 * and the problems found so far, each naming its flag (and its variable when the value came from
 * one). Cross-field rules ({@link ConfigRules}) add their problems here too. Not thread-safe:
 * one per parse.
 */
public final class SettingValues {
    /** Where a value came from; a later constant wins over an earlier one. */
    public enum Source { DEFAULT, ENVIRONMENT, FLAG }

    /** What a setting's converter made of its text. */
    sealed interface Outcome {
        /** The text, or null for a flag given without a value. */
        String raw();

        record Parsed(String raw, Object value) implements Outcome {
        }

        record Refused(String raw, String reason) implements Outcome {
        }

        record NoValue() implements Outcome {
            @Override
            public String raw() {
                return null;
            }
        }
    }

    private record Entry(Source source, Outcome outcome) {
    }

    private final Map<Setting<?>, Entry> entries = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Records a setting; a refused value or a missing one becomes a problem at once, in call order. */
    void add(Setting<?> setting, Source source, Outcome outcome) {
        entries.put(setting, new Entry(source, outcome));
        switch (outcome) {
            case Outcome.Refused refused -> problem(setting, refused.reason(), !setting.type().isSecret());
            case Outcome.NoValue none -> problems.add(setting.name() + ": needs a value, like " + setting.name()
                    + "=<" + setting.label() + ">");
            case Outcome.Parsed parsed -> {
            }
        }
    }

    /** The setting's value, or null when it was refused, missing or has no default (a problem says why). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Entry entry = entries.get(setting);
        return entry != null && entry.outcome() instanceof Outcome.Parsed parsed ? (T) parsed.value() : null;
    }

    /** Where the setting's value came from. */
    public Source source(Setting<?> setting) {
        Entry entry = entries.get(setting);
        return entry == null ? Source.DEFAULT : entry.source();
    }

    /** Whether the setting was given, as a flag or in its variable. */
    public boolean given(Setting<?> setting) {
        return source(setting) != Source.DEFAULT;
    }

    /**
     * Adds a problem: {@code --flag: reason}, then the value when {@code showValue} (never a
     * secret's), then the variable it came from.
     */
    public void problem(Setting<?> setting, String reason, boolean showValue) {
        Entry entry = entries.get(setting);
        String raw = entry == null ? null : entry.outcome().raw();
        problems.add(setting.name() + ": " + reason
                + (showValue && raw != null ? ", got " + quote(raw) : "")
                + (entry != null && entry.source() == Source.ENVIRONMENT ? " (from " + setting.env() + ")" : ""));
    }

    /** Adds a problem that is not one setting's, such as an unknown flag. */
    public void problem(String text) {
        problems.add(text);
    }

    /** Every problem found, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The value in double quotes, with quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                b.append("\\u%04x".formatted(c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
