package dev.sis.cli;

import java.util.IdentityHashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * picocli's default for a flag made from a {@link Setting}: its {@code SIS_…} variable when that
 * is set and not empty, else nothing, which leaves the setting's own default. picocli asks only
 * for the flags the command line does not give, so a flag wins over its variable (and a bad
 * variable under a flag is never read).
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> env;
    private final Map<ArgSpec, Setting<?>> settings = new IdentityHashMap<>();

    EnvironmentDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Makes {@code flag} take its default from {@code setting}'s variable, if it has one. */
    void bind(ArgSpec flag, Setting<?> setting) {
        settings.put(flag, setting);
    }

    @Override
    public String defaultValue(ArgSpec flag) {
        Setting<?> setting = settings.get(flag);
        return setting == null || !isSet(setting) ? null : env.get(setting.env());
    }

    /** Whether the setting's variable is set to something (an empty variable counts as unset). */
    boolean isSet(Setting<?> setting) {
        String value = setting.env() == null ? null : env.get(setting.env());
        return value != null && !value.isEmpty();
    }
}
