package org.vidssl.cli;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.settings.Settings;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults and help of the options that stand for a settings record's component, taken from the record, so the
 * CLI repeats no default: an {@code @Option} field named as a component of the record its class (a mixin) or its
 * command declares with {@link SettingsFrom} gets the record's default, and, when the option has no description
 * of its own, the component's description followed by "Default: ...". An option that declares a
 * {@code defaultValue} keeps it (the demo's own recipe; the test lists them), and so does one whose field is a boxed
 * number for a primitive component: null there means "not given", decided by the command (e.g. every core).
 */
final class RecordDefaults implements IDefaultValueProvider {

    /** Default of {@code --resize}, which stands for two components at once. */
    static final String RESIZE = ClipSettings.DEFAULTS.resizeHeight() + "x" + ClipSettings.DEFAULTS.resizeWidth();

    @SuppressWarnings("unchecked")
    private static final Class<? extends Record>[] NONE = new Class[0];

    private RecordDefaults() {}

    /** Sets the defaults and descriptions of every subcommand of {@code cli}. */
    static void apply(CommandLine cli) {
        cli.setDefaultValueProvider(new RecordDefaults());
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            Map<String, String> descriptions = new LinkedHashMap<>();
            for (OptionSpec o : spec.options()) {
                if (o.description().length == 0) {
                    setting(o)
                            .filter(s -> !s.description().isEmpty())
                            .ifPresent(s -> descriptions.put(
                                    o.longestName().replaceFirst("^-+", ""),
                                    // picocli formats descriptions: a literal % must be doubled
                                    s.description().replace("%", "%%")
                                            + (s.defaultValue() == null ? "" : " Default: ${DEFAULT-VALUE}.")));
                }
            }
            spec.resourceBundle(bundle(descriptions));
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg.defaultValue() != null || !(arg.userObject() instanceof Field f)) {
            return null;
        }
        if (f.getDeclaringClass() == ClipOptions.class && f.getName().equals("resize")) {
            return RESIZE;
        }
        return setting(arg)
                .map(Settings.Declared::defaultText)
                .filter(t -> !t.isEmpty())
                .orElse(null);
    }

    /**
     * The record component an option stands for: its field's name looked up in the record of the class declaring
     * the field, then in the command's; empty for options of their own.
     */
    static Optional<Settings.Declared> setting(ArgSpec arg) {
        if (!(arg.userObject() instanceof Field f)) {
            return Optional.empty();
        }
        Object command = arg.command() == null ? null : arg.command().userObject();
        for (Class<?> holder : new Class<?>[] {f.getDeclaringClass(), command == null ? null : command.getClass()}) {
            SettingsFrom from = holder == null ? null : holder.getAnnotation(SettingsFrom.class);
            for (Class<? extends Record> record : from == null ? NONE : from.value()) {
                Optional<Settings.Declared> s = Settings.find(record, f.getName());
                if (s.isPresent()) {
                    boolean ownNull = !f.getType().isPrimitive()
                            && Number.class.isAssignableFrom(f.getType())
                            && s.get().type().isPrimitive();
                    return ownNull ? Optional.empty() : s;
                }
            }
        }
        return Optional.empty();
    }

    private static ResourceBundle bundle(Map<String, String> texts) {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return texts.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(texts.keySet());
            }
        };
    }
}
