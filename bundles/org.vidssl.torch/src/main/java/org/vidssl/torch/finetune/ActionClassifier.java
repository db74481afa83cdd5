package org.vidssl.torch.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.View;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.model.ModelWeights;
import org.vidssl.torch.model.StateDictException;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;

/**
 * An action classifier: a backbone with the reference's {@code Linear(512, classes)} head on the pooled feature
 * ({@code Linear(8 * width, classes)} for other backbone widths),
 * its class names and header. Owns the NDManager that holds the weights: close it to free them.
 */
public final class ActionClassifier implements AutoCloseable {

    private final ClassifierHeader header;
    private final VideoBackbone backbone;
    private final NDManager manager;

    private ActionClassifier(ClassifierHeader header, VideoBackbone backbone, NDManager manager) {
        this.header = header;
        this.backbone = backbone;
        this.manager = manager;
    }

    /**
     * A randomly initialised classifier (PyTorch's default initialisation), deterministic for a seed.
     * Seeding is process-wide in PyTorch, so creations are serialised.
     */
    public static ActionClassifier create(ClassifierHeader header, Device device, long seed) {
        return ModelWeights.createSeeded(
                header.architecture(),
                header.numClasses(),
                header.width(),
                header.input(),
                device,
                (int) seed,
                (backbone, manager) -> new ActionClassifier(header, backbone, manager));
    }

    /**
     * A classifier whose backbone starts from a pretrained encoder (its weights and BatchNorm statistics are
     * copied; the encoder's own head, if any, is ignored) and whose head is freshly initialised from the seed.
     */
    public static ActionClassifier fromEncoder(VideoEncoder encoder, ClassifierHeader header, Device device, long seed)
            throws StateDictException {
        if (encoder.header().architecture() != header.architecture()
                || encoder.header().width() != header.width()) {
            throw new IllegalArgumentException(
                    "The pretrained encoder is a " + encoder.header().architecture()
                            + " of width " + encoder.header().width() + " but the classifier is to be a "
                            + header.architecture() + " of width " + header.width() + ".");
        }
        Map<String, NpyArray> pretrained = StateDicts.export(encoder.backbone());
        ActionClassifier classifier = create(header, device, seed);
        ModelWeights.loadOrFree(
                classifier.backbone,
                classifier.manager,
                pretrained,
                "the pretrained " + encoder.header().architecture() + " encoder",
                false);
        return classifier;
    }

    /** A classifier with the given weights (a full state_dict, head {@code linear.*} included). */
    public static ActionClassifier fromStateDict(
            ClassifierHeader header, Map<String, NpyArray> stateDict, String source, Device device)
            throws StateDictException {
        ActionClassifier classifier = create(header, device, 0);
        ModelWeights.loadOrFree(classifier.backbone, classifier.manager, stateDict, source, true);
        return classifier;
    }

    public ClassifierHeader header() {
        return header;
    }

    /** The same weights with another header (after training); the new object shares the weights. */
    public ActionClassifier withHeader(ClassifierHeader newHeader) {
        if (newHeader.architecture() != header.architecture()
                || newHeader.numClasses() != header.numClasses()
                || newHeader.width() != header.width()) {
            throw new IllegalArgumentException("A header for other weights (" + newHeader.architecture() + ", "
                    + newHeader.numClasses() + " classes) cannot replace " + header.architecture() + " with "
                    + header.numClasses() + " classes.");
        }
        return new ActionClassifier(newHeader, backbone, manager);
    }

    public List<String> classNames() {
        return header.classes();
    }

    public int numClasses() {
        return header.numClasses();
    }

    public View modality() {
        return header.modality();
    }

    /** The backbone with its head; weights in PyTorch names via {@link VideoBackbone#torchParameters()}. */
    public VideoBackbone backbone() {
        return backbone;
    }

    /** The manager holding the weights; its device is the classifier's device. */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * The classifier's input for a clip batch (RGB, fine-tuning residual or flow), in {@code target}. It may share
     * slot 0 of the caller's {@code staging}: close it (with {@code target}) before asking for the next batch's input.
     */
    public NDArray input(NDManager target, ClipBatch batch, StagingBuffers staging) {
        return ModalityInput.of(header.modality(), target, batch, staging);
    }

    /** Logits N x classes of prepared inputs ({@link #input}), BatchNorm in inference mode. */
    public NDArray logits(NDArray input) {
        return backbone.forward(new ParameterStore(input.getManager(), false), new NDList(input), false)
                .singletonOrThrow();
    }

    /** Pooled features (512-d at the paper's width) of prepared inputs, BatchNorm in inference mode. */
    public NDArray features(NDArray input) {
        return backbone.features(new ParameterStore(input.getManager(), false), input, false, FeatureKind.POOLED);
    }

    @Override
    public void close() {
        manager.close();
    }
}
