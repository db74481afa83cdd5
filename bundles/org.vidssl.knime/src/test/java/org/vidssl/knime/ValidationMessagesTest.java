package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.Widget;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.knime.util.Problems;

/**
 * A bad value in a dialog gets a message that starts with the setting's title as the dialog shows it, although the
 * engine's checks name some settings differently (e.g. "NCE K" for "Negatives (K)"). Every numeric setting of the
 * training dialogs is set to a value out of its range, one at a time.
 */
class ValidationMessagesTest {

    @SuppressWarnings("unchecked")
    private static List<String> badValueMessages(final Object settings, final Method problems, final Object... args)
            throws Exception {
        return (List<String>) problems.invoke(settings, args);
    }

    /** Sets each numeric widget to -7 (or -0.5) and checks that a problem starts with its title. */
    private static void eachBadValueNamesItsSetting(final String className, final Class<?>... problemArgs)
            throws Exception {
        Class<?> type = Class.forName(className);
        Method problems = type.getDeclaredMethod("problems", problemArgs);
        problems.setAccessible(true);
        Object[] args = problemArgs.length == 0 ? new Object[0] : new Object[] {ClipSettings.DEFAULTS};
        var constructor = type.getDeclaredConstructor();
        int checked = 0;
        for (Field field : type.getDeclaredFields()) {
            Widget widget = field.getAnnotation(Widget.class);
            Class<?> t = field.getType();
            if (widget == null || !(t == int.class || t == double.class)) {
                continue;
            }
            Object settings = constructor.newInstance();
            field.setAccessible(true);
            if (t == int.class) {
                field.setInt(settings, -7);
            } else {
                field.setDouble(settings, -0.5);
            }
            List<String> messages = badValueMessages(settings, problems, args);
            assertTrue(
                    messages.stream().anyMatch(m -> m.startsWith(widget.title() + " ")),
                    type.getSimpleName() + "." + field.getName() + " = bad value: no message names '" + widget.title()
                            + "': " + messages);
            checked++;
        }
        assertTrue(checked >= 10, className + ": only " + checked + " numeric settings");
    }

    @Test
    void pretrainerMessagesNameTheDialogTitles() throws Exception {
        eachBadValueNamesItsSetting("org.vidssl.knime.node.pretrain.IicPretrainerSettings", ClipSettings.class);
    }

    @Test
    void learnerMessagesNameTheDialogTitles() throws Exception {
        eachBadValueNamesItsSetting("org.vidssl.knime.node.learn.ActionRecognitionLearnerSettings");
    }

    @Test
    void onlyALeadingSettingNameIsReplaced() {
        Map<String, String> titles = Map.of("NCE K", "Negatives (K)", "Threads", "Loader threads");
        assertEquals(
                List.of(
                        "Negatives (K) is 0: use 1 to 1000000.",
                        "Loader threads: use 0 to 256.",
                        "Epochs is 0 (NCE K unchanged)",
                        "NCE Kx is not a setting"),
                Problems.withTitles(
                        List.of(
                                "NCE K is 0: use 1 to 1000000.",
                                "Threads: use 0 to 256.",
                                "Epochs is 0 (NCE K unchanged)",
                                "NCE Kx is not a setting"),
                        titles));
    }
}
