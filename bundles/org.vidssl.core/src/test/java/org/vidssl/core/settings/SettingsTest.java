package org.vidssl.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.retrieval.RetrievalSettings;

class SettingsTest {

    /** A record declared as the settings records are, to test the messages without their details. */
    public record Sample(
            @Setting(label = "Epochs", min = 1, max = 100_000)
            int epochs,

            @Setting(label = "Momentum", min = 0, max = 1, maxOpen = true)
            double momentum,

            @Setting(label = "LR decay", min = 0, minOpen = true, max = 1)
            double lrDecay,

            @Setting(label = "Threads", min = 0, max = 256, paper = false, note = "0 = one per processor core")
            int threads,

            @Setting(label = "Checkpoint interval", min = 1, unit = "epochs", paper = false)
            int checkpointInterval,

            @Setting(label = "Weight decay", description = "SGD weight decay.")
            double weightDecay,

            int[] milestones,
            String name) {

        public static final Sample DEFAULTS = new Sample(150, 0.9, 0.2, 0, 1, 1e-4, new int[] {45, 90}, "x");
    }

    static final List<Class<? extends Record>> RECORDS = List.of(
            PretrainSettings.class,
            FinetuneSettings.class,
            ExtractSettings.class,
            RetrievalSettings.class,
            ClipSettings.class,
            DatasetSettings.class);

    @Test
    void rangesAcceptTheirBoundsAndNameTheSettingTheRangeAndTheDefaultOutsideThem() {
        assertEquals(List.of(), Settings.rangeProblems(Sample.DEFAULTS));
        Sample edges = Records.builder(Sample.DEFAULTS)
                .set("epochs", 100_000)
                .set("momentum", 0.0)
                .set("lrDecay", 1.0)
                .set("threads", 256)
                .build();
        assertEquals(List.of(), Settings.rangeProblems(edges));
        Sample bad = Records.builder(Sample.DEFAULTS)
                .set("epochs", 0)
                .set("momentum", 1.0)
                .set("lrDecay", Double.NaN)
                .set("threads", -1)
                .set("checkpointInterval", 0)
                .build();
        assertEquals(
                List.of(
                        "Epochs is 0: use 1 to 100000 (the paper uses 150).",
                        "Momentum is 1.0: use [0, 1) (the paper uses 0.9).",
                        "LR decay is NaN: use (0, 1] (the paper uses 0.2).",
                        "Threads is -1: use 0 to 256 (default 0; 0 = one per processor core).",
                        "Checkpoint interval is 0: use at least 1 epochs (default 1)."),
                Settings.rangeProblems(bad));
    }

    @Test
    void declarationsListLabelsDescriptionsAndDefaultsAsUsersWriteThem() {
        List<Settings.Declared> d = Settings.declared(Sample.class);
        assertEquals(
                List.of("epochs", "momentum", "lrDecay", "threads", "checkpointInterval", "weightDecay"),
                d.stream().map(Settings.Declared::name).toList(),
                "only annotated components, in order");
        Settings.Declared wd = Settings.get(Sample.class, "weightDecay");
        assertEquals("Weight decay", wd.label());
        assertEquals("SGD weight decay.", wd.description());
        assertEquals("1e-4", wd.defaultText());
        assertFalse(wd.hasRange());
        assertEquals("45,90", Settings.text(new int[] {45, 90}));
        assertEquals("res", Settings.text(org.vidssl.core.clip.View.RES));
        assertEquals("0.001", Settings.text(1e-3));
        assertEquals("", Settings.text(null));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Settings.get(Sample.class, "name"));
        assertTrue(e.getMessage().contains("Sample declares no setting 'name'"), e.getMessage());
    }

    @Test
    void everySettingsRecordDeclaresEveryComponentAndItsDefaultsLieInTheirRanges() {
        for (Class<? extends Record> type : RECORDS) {
            assertEquals(
                    type.getRecordComponents().length,
                    Settings.declared(type).size(),
                    type.getSimpleName() + ": every component has a @Setting");
            assertEquals(List.of(), Settings.rangeProblems(Settings.defaults(type)), type.getSimpleName());
            for (Settings.Declared s : Settings.declared(type)) {
                assertFalse(s.label().isBlank() || s.description().isBlank(), type.getSimpleName() + "." + s.name());
            }
        }
    }

    @Test
    void recordBuilderSetsByNameAndRejectsUnknownNamesAndWrongTypes() {
        Sample s = Records.builder(Sample.DEFAULTS)
                .set("epochs", 3)
                .set("weightDecay", 0)
                .build();
        assertEquals(3, s.epochs());
        assertEquals(0.0, s.weightDecay(), "an int is widened to a double component");
        assertEquals(3, Records.with(Sample.DEFAULTS, "epochs", 3).epochs());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> Records.builder(Sample.DEFAULTS).set("epoch", 3));
        assertTrue(
                unknown.getMessage().startsWith("Sample has no setting 'epoch': use one of epochs, momentum"),
                unknown.getMessage());
        IllegalArgumentException type = assertThrows(
                IllegalArgumentException.class,
                () -> Records.builder(Sample.DEFAULTS).set("epochs", "3"));
        assertEquals("Sample.epochs is a int, not a String (3).", type.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Records.builder(Sample.DEFAULTS).set("epochs", 2.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> Records.builder(Sample.DEFAULTS).set("epochs", null));
    }

    @Test
    void equalityAndHashCodeCompareArraysByContent() {
        Sample a = Records.with(Sample.DEFAULTS, "milestones", new int[] {45, 90});
        Sample b = Records.with(Sample.DEFAULTS, "milestones", new int[] {45, 90});
        assertTrue(Records.equal(a, b));
        assertEquals(Records.hash(a), Records.hash(b));
        assertFalse(Records.equal(a, Records.with(a, "milestones", new int[] {45})));
        assertFalse(Records.equal(a, Records.with(a, "name", "y")));
        assertFalse(Records.equal(a, null));
        assertEquals(
                "Sample[epochs=150, momentum=0.9, lrDecay=0.2, threads=0, checkpointInterval=1, "
                        + "weightDecay=1.0E-4, milestones=[45, 90], name=x]",
                Records.toString(a));
    }
}
