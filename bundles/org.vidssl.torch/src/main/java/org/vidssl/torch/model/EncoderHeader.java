package org.vidssl.torch.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.vidssl.torch.backbone.Architecture;

/**
 * What an encoder file says about its weights (stored as header.json).
 *
 * @param architecture backbone
 * @param numClasses   classes of the linear head; 0 for a plain encoder
 * @param input        clip size it was trained on
 * @param modality     view the encoder was trained on: rgb, res, u, v
 * @param training     training settings by name (learning rate, objective, ...), as text
 * @param epoch        training epochs done; 0 for random initialisation or imported weights
 * @param provenance   where it came from (tool, source file, dataset, git commit...), as text
 * @param created      when the file was written (ISO-8601 UTC)
 */
public record EncoderHeader(Architecture architecture, int numClasses, InputSpec input, String modality,
        Map<String, String> training, int epoch, Map<String, String> provenance, String created) {

    public EncoderHeader {
        if (architecture == null || input == null) {
            throw new IllegalArgumentException("An encoder header needs an architecture and an input size.");
        }
        if (numClasses < 0 || epoch < 0) {
            throw new IllegalArgumentException("Classes and epoch must not be negative.");
        }
        modality = modality == null ? "rgb" : modality;
        training = Map.copyOf(training == null ? Map.of() : new TreeMap<>(training));
        provenance = Map.copyOf(provenance == null ? Map.of() : new TreeMap<>(provenance));
        created = created == null ? Instant.now().toString() : created;
    }

    /** A plain encoder header: no head, epoch 0, no settings, created now. */
    public static EncoderHeader of(Architecture architecture, InputSpec input, String modality) {
        return new EncoderHeader(architecture, 0, input, modality, Map.of(), 0, Map.of(), null);
    }

    public EncoderHeader withEpoch(int newEpoch) {
        return new EncoderHeader(architecture, numClasses, input, modality, training, newEpoch, provenance, null);
    }

    public EncoderHeader withTraining(Map<String, String> settings) {
        return new EncoderHeader(architecture, numClasses, input, modality, settings, epoch, provenance, null);
    }

    public EncoderHeader withProvenance(Map<String, String> values) {
        return new EncoderHeader(architecture, numClasses, input, modality, training, epoch, values, null);
    }
}
