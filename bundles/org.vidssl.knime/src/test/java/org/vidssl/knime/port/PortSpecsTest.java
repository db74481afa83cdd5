package org.vidssl.knime.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.torch.model.InputSpec;

/** Port specs compare, hash and save everything they hold; specs saved before the resize was recorded still load. */
class PortSpecsTest {

    static final List<String> SIX = List.of("a", "b", "c", "d", "e", "f");

    /** What a model spec of this content saves. */
    static Map<String, Object> model(final String modality, final InputSpec input) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", "r3d");
        m.put("modality", modality);
        m.put("clipLength", input.frames());
        m.put("height", input.height());
        m.put("width", input.width());
        m.put("resizeHeight", input.resizeHeight());
        m.put("resizeWidth", input.resizeWidth());
        return m;
    }

    static Map<String, Object> classifier(final InputSpec input, final List<String> classes) {
        Map<String, Object> m = model("res", input);
        m.put("classes", classes.toArray(String[]::new));
        return m;
    }

    static VideoEncoderPortObjectSpec encoder(final String modality, final InputSpec input)
            throws InvalidSettingsException {
        return SpecContents.load(VideoEncoderPortObjectSpec.class, model(modality, input));
    }

    static ActionClassifierPortObjectSpec classifierSpec(final InputSpec input, final List<String> classes)
            throws InvalidSettingsException {
        return SpecContents.load(ActionClassifierPortObjectSpec.class, classifier(input, classes));
    }

    static final InputSpec QUICK = new InputSpec(8, 56, 56, 64, 86);

    @Test
    void classifierSpecsDifferingAfterTheFifthClassAreNotEqual() throws InvalidSettingsException {
        ActionClassifierPortObjectSpec six = classifierSpec(QUICK, SIX);
        ActionClassifierPortObjectSpec otherSixth = classifierSpec(QUICK, List.of("a", "b", "c", "d", "e", "g"));
        ActionClassifierPortObjectSpec seven = classifierSpec(QUICK, List.of("a", "b", "c", "d", "e", "f", "g"));
        assertEquals(six.summary(), otherSixth.summary(), "the summary lists five classes only");
        assertNotEquals(six, otherSixth);
        assertNotEquals(six, seven);
        assertNotEquals(six, classifierSpec(QUICK, List.of("b", "a", "c", "d", "e", "f")), "class order matters");
        ActionClassifierPortObjectSpec same = classifierSpec(QUICK, List.copyOf(SIX));
        assertEquals(six, same);
        assertEquals(six.hashCode(), same.hashCode());
    }

    @Test
    void modelSpecsCompareEveryFieldAndTheirKind() throws InvalidSettingsException {
        VideoEncoderPortObjectSpec quick = encoder("res", QUICK);
        assertEquals(quick, encoder("res", new InputSpec(8, 56, 56, 64, 86)));
        assertEquals(
                quick.hashCode(),
                encoder("res", new InputSpec(8, 56, 56, 64, 86)).hashCode());
        assertNotEquals(quick, encoder("res", new InputSpec(8, 56, 56, 128, 171)), "resize");
        assertNotEquals(quick, encoder("res", new InputSpec(8, 56, 56, 64, 87)), "resize width");
        assertNotEquals(quick, encoder("res", new InputSpec(16, 56, 56, 64, 86)), "clip length");
        assertNotEquals(quick, encoder("res", new InputSpec(8, 48, 48, 64, 86)), "crop");
        assertNotEquals(quick, encoder("rgb", QUICK), "modality");
        Map<String, Object> c3d = model("res", QUICK);
        c3d.put("architecture", "c3d");
        assertNotEquals(quick, SpecContents.load(VideoEncoderPortObjectSpec.class, c3d), "architecture");
        assertNotEquals(quick, null);
        assertNotEquals(encoder("res", QUICK), classifierSpec(QUICK, SIX), "an encoder is no classifier");
    }

    @Test
    void specsSurviveSaveAndLoad() throws InvalidSettingsException {
        ActionClassifierPortObjectSpec classifier = classifierSpec(QUICK, SIX);
        ActionClassifierPortObjectSpec loaded = SpecContents.roundTrip(classifier);
        assertEquals(classifier, loaded);
        assertEquals(SIX, loaded.classes());
        assertEquals(QUICK, loaded.input());
        VideoEncoderPortObjectSpec encoder = encoder("u", QUICK);
        assertEquals(encoder, SpecContents.roundTrip(encoder));
        assertTrue(encoder.summary().contains("resized to 64x86"), encoder.summary());

        ClipSettings clips = new ClipSettings(8, 64, 86, 56, true, View.U, IntraNegative.SHUFFLE, 3);
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("clipLength", 8);
        saved.put("resizeHeight", 64);
        saved.put("resizeWidth", 86);
        saved.put("cropSize", 56);
        saved.put("flip", true);
        saved.put("view2", "u");
        saved.put("intraNegative", "shuffle");
        saved.put("testClips", 3);
        saved.put("flowFolder", "/data/flow");
        ClipPipelinePortObjectSpec pipeline = SpecContents.load(ClipPipelinePortObjectSpec.class, saved);
        assertEquals(clips, pipeline.settings());
        ClipPipelinePortObjectSpec again = SpecContents.roundTrip(pipeline);
        assertEquals(pipeline, again);
        assertEquals(pipeline.hashCode(), again.hashCode());
        saved.put("flowFolder", "");
        assertNotEquals(pipeline, SpecContents.load(ClipPipelinePortObjectSpec.class, saved), "flow folder");
        saved.put("flowFolder", "/data/flow");
        saved.put("testClips", 4);
        assertNotEquals(pipeline, SpecContents.load(ClipPipelinePortObjectSpec.class, saved), "test clips");
    }

    @Test
    void modelSpecsSavedBeforeTheResizeWasRecordedLoadWithTheResizeTheNodesThenUsed() throws InvalidSettingsException {
        Map<String, Object> old = classifier(QUICK, SIX);
        old.remove("resizeHeight");
        old.remove("resizeWidth");
        ActionClassifierPortObjectSpec loaded = SpecContents.load(ActionClassifierPortObjectSpec.class, old);
        assertEquals(new InputSpec(8, 56, 56, 128, 171), loaded.input());
        assertEquals(new InputSpec(8, 56, 56), loaded.input(), "the same fallback as version 1 model files");
    }
}
