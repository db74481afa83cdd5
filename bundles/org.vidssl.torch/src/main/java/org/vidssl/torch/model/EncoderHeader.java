package org.vidssl.torch.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.backbone.VideoBackbone;

/**
 * What an encoder file says about its weights (stored as header.json).
 *
 * @param architecture backbone
 * @param numClasses   classes of the linear head; 0 for a plain encoder
 * @param input        input geometry it was trained on (clip length, crop, resize)
 * @param modality     id of the {@code View} the encoder was trained on
 * @param training     training settings by name (learning rate, objective, ...), as text
 * @param epoch        training epochs done; 0 for random initialisation or imported weights
 * @param provenance   where it came from (tool, source file, dataset, git commit...), as text
 * @param created      when the file was written (ISO-8601 UTC)
 * @param width        base channels of the backbone (64 = the paper's network; see Backbones.create)
 */
public record EncoderHeader(
        Backbone architecture,
        int numClasses,
        InputSpec input,
        String modality,
        Map<String, String> training,
        int epoch,
        Map<String, String> provenance,
        String created,
        int width) {

    public EncoderHeader {
        if (architecture == null || input == null) {
            throw new IllegalArgumentException("An encoder header needs an architecture and an input size.");
        }
        if (width < Backbones.MIN_WIDTH || width > Backbones.MAX_WIDTH) {
            throw new IllegalArgumentException("Backbone width " + width + " is out of range: use "
                    + Backbones.MIN_WIDTH + " to " + Backbones.MAX_WIDTH + " (64 is the paper's network).");
        }
        if (numClasses < 0 || epoch < 0) {
            throw new IllegalArgumentException("Classes and epoch must not be negative.");
        }
        modality = modality == null ? "rgb" : modality;
        training = Map.copyOf(training == null ? Map.of() : new TreeMap<>(training));
        provenance = Map.copyOf(provenance == null ? Map.of() : new TreeMap<>(provenance));
        created = created == null ? Instant.now().toString() : created;
    }

    /** A header of the paper's width (64). */
    public EncoderHeader(
            Backbone architecture,
            int numClasses,
            InputSpec input,
            String modality,
            Map<String, String> training,
            int epoch,
            Map<String, String> provenance,
            String created) {
        this(
                architecture,
                numClasses,
                input,
                modality,
                training,
                epoch,
                provenance,
                created,
                VideoBackbone.PAPER_WIDTH);
    }

    /** A plain encoder header: no head, epoch 0, no settings, created now. */
    public static EncoderHeader of(Backbone architecture, InputSpec input, String modality) {
        return new EncoderHeader(architecture, 0, input, modality, Map.of(), 0, Map.of(), null);
    }

    public EncoderHeader withEpoch(int newEpoch) {
        return new EncoderHeader(
                architecture, numClasses, input, modality, training, newEpoch, provenance, null, width);
    }

    public EncoderHeader withTraining(Map<String, String> settings) {
        return new EncoderHeader(architecture, numClasses, input, modality, settings, epoch, provenance, null, width);
    }

    public EncoderHeader withProvenance(Map<String, String> values) {
        return new EncoderHeader(architecture, numClasses, input, modality, training, epoch, values, null, width);
    }

    public EncoderHeader withWidth(int newWidth) {
        return new EncoderHeader(
                architecture, numClasses, input, modality, training, epoch, provenance, null, newWidth);
    }

    /** The same encoder with a linear head of {@code classes} logits (0 = none), e.g. for fine-tuning. */
    public EncoderHeader withNumClasses(int classes) {
        return new EncoderHeader(architecture, classes, input, modality, training, epoch, provenance, null, width);
    }
}
