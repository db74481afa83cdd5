package org.vidssl.torch.finetune;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.model.InputSpec;

/**
 * What a classifier file says about its weights (stored as header.json).
 *
 * @param architecture       backbone
 * @param classes            class names; the head's output i is {@code classes.get(i)}
 * @param input              input geometry it was trained on (clip length, crop, resize)
 * @param modality           the classifier's input: rgb, res (fine-tuning residual), u or v
 * @param training           fine-tuning settings by name, as text
 * @param epoch              fine-tuning epochs done (0 for an untrained classifier)
 * @param bestEpoch          epoch whose weights these are (the lowest validation loss); 0 when untrained
 * @param bestValidationLoss validation loss of those weights; NaN when untrained
 * @param provenance         where it came from (tool, pretrained encoder, dataset...), as text
 * @param created            when the file was written (ISO-8601 UTC)
 * @param width              base channels of the backbone (64 = the paper's network; see Backbones.create)
 */
public record ClassifierHeader(
        Backbone architecture,
        List<String> classes,
        InputSpec input,
        View modality,
        Map<String, String> training,
        int epoch,
        int bestEpoch,
        double bestValidationLoss,
        Map<String, String> provenance,
        String created,
        int width) {

    public ClassifierHeader {
        if (width < Backbones.MIN_WIDTH || width > Backbones.MAX_WIDTH) {
            throw new IllegalArgumentException("Backbone width " + width + " is out of range: use "
                    + Backbones.MIN_WIDTH + " to " + Backbones.MAX_WIDTH + " (64 is the paper's network).");
        }
        if (architecture == null || input == null || modality == null) {
            throw new IllegalArgumentException(
                    "A classifier header needs an architecture, an input size and a modality.");
        }
        if (classes == null || classes.size() < 2) {
            throw new IllegalArgumentException(
                    "A classifier needs at least 2 classes, got " + (classes == null ? "none" : classes) + ".");
        }
        if (classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("Class names must be unique, got " + classes + ".");
        }
        if (epoch < 0 || bestEpoch < 0 || bestEpoch > epoch) {
            throw new IllegalArgumentException(
                    "Epoch " + epoch + " and best epoch " + bestEpoch + " must satisfy 0 <= best epoch <= epoch.");
        }
        classes = List.copyOf(classes);
        training = Map.copyOf(training == null ? Map.of() : new TreeMap<>(training));
        provenance = Map.copyOf(provenance == null ? Map.of() : new TreeMap<>(provenance));
        created = created == null ? Instant.now().toString() : created;
    }

    /** An untrained classifier's header at the paper's width: epoch 0, no settings, created now. */
    public static ClassifierHeader of(Backbone architecture, List<String> classes, InputSpec input, View modality) {
        return of(architecture, classes, input, modality, VideoBackbone.PAPER_WIDTH);
    }

    /** An untrained classifier's header of a backbone width: epoch 0, no settings, created now. */
    public static ClassifierHeader of(
            Backbone architecture, List<String> classes, InputSpec input, View modality, int width) {
        return new ClassifierHeader(
                architecture, classes, input, modality, Map.of(), 0, 0, Double.NaN, Map.of(), null, width);
    }

    public int numClasses() {
        return classes.size();
    }

    /** The header after training: epochs done, where the kept weights come from, the settings used. */
    public ClassifierHeader withTraining(Map<String, String> settings, int epochs, int best, double bestLoss) {
        return new ClassifierHeader(
                architecture, classes, input, modality, settings, epochs, best, bestLoss, provenance, null, width);
    }

    public ClassifierHeader withProvenance(Map<String, String> values) {
        return new ClassifierHeader(
                architecture,
                classes,
                input,
                modality,
                training,
                epoch,
                bestEpoch,
                bestValidationLoss,
                values,
                null,
                width);
    }

    @Override
    public boolean equals(Object o) {
        // records compare doubles with Double.compare, so NaN == NaN here as wanted
        return o instanceof ClassifierHeader h
                && architecture == h.architecture
                && classes.equals(h.classes)
                && input.equals(h.input)
                && modality == h.modality
                && training.equals(h.training)
                && epoch == h.epoch
                && bestEpoch == h.bestEpoch
                && Double.compare(bestValidationLoss, h.bestValidationLoss) == 0
                && provenance.equals(h.provenance)
                && created.equals(h.created)
                && width == h.width;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                architecture,
                classes,
                input,
                modality,
                training,
                epoch,
                bestEpoch,
                bestValidationLoss,
                provenance,
                created,
                width);
    }
}
