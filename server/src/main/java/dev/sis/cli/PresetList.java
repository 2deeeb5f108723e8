package dev.sis.cli;

import dev.sis.cli.ValueType.InvalidValueException;
import dev.sis.config.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code --preset}: {@code name=key:value,key:value[,eager]}, several presets
 * separated by {@value #SEPARATOR} (how {@code SIS_PRESETS} holds them, and how repeated flags are
 * joined). A piece without a colon continues the previous value, so a value may hold commas
 * ({@code wm:0.5,south,0.2}). Only the form is checked here; whether each key is a variant
 * parameter and each value valid is the request parser's call ({@code VariantParams.checkPreset}).
 */
final class PresetList {
    static final String SEPARATOR = ";";
    static final String EAGER = "eager";
    static final String ACCEPTED = "presets like thumb=w:300,h:200,fit:cover[,eager], separated by ; or given "
            + "as repeated flags, or empty for none";

    private PresetList() {
    }

    static List<Preset> parse(String raw) {
        List<Preset> presets = new ArrayList<>();
        if (raw.isEmpty()) {
            return presets;
        }
        for (String one : raw.split(SEPARATOR, -1)) {
            Preset preset = preset(one.strip());
            if (presets.stream().anyMatch(p -> p.name().equals(preset.name()))) {
                throw new InvalidValueException("names the preset " + preset.name() + " twice");
            }
            presets.add(preset);
        }
        return List.copyOf(presets);
    }

    private static Preset preset(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new InvalidValueException("must be " + ACCEPTED + "; " + quoted(text) + " has no name=");
        }
        String name = text.substring(0, equals);
        if (!Preset.NAME.matcher(name).matches()) {
            throw new InvalidValueException("has the preset name " + quoted(name)
                    + "; a name is 1 to 32 letters, digits, - or _");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean eager = false;
        String last = null;
        for (String piece : text.substring(equals + 1).split(",", -1)) {
            int colon = piece.indexOf(':');
            if (piece.equals(EAGER)) {
                eager = true;
            } else if (colon > 0) {
                last = piece.substring(0, colon);
                if (parameters.putIfAbsent(last, piece.substring(colon + 1)) != null) {
                    throw new InvalidValueException("gives " + last + " twice in the preset " + name);
                }
            } else if (last != null && !piece.isEmpty() && colon < 0) {
                parameters.merge(last, "," + piece, String::concat);
            } else {
                throw new InvalidValueException("has " + quoted(piece) + " in the preset " + name
                        + "; each item is key:value or eager");
            }
        }
        if (parameters.isEmpty()) {
            throw new InvalidValueException("has the empty preset " + name + "; give it parameters, like w:300");
        }
        return new Preset(name, parameters, eager);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
