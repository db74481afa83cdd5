package org.vidssl.torch.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.backbone.VideoBackbone;

/**
 * A backbone with its weights and header. Owns the NDManager that holds the weights: close it to free them.
 */
public final class VideoEncoder implements AutoCloseable {

    private final EncoderHeader header;
    private final VideoBackbone backbone;
    private final NDManager manager;

    private VideoEncoder(EncoderHeader header, VideoBackbone backbone, NDManager manager) {
        this.header = header;
        this.backbone = backbone;
        this.manager = manager;
    }

    /**
     * A freshly initialised encoder (PyTorch's default initialisation), deterministic for a seed.
     * Seeding is process-wide in PyTorch, so seeded creations are serialised.
     */
    public static VideoEncoder create(EncoderHeader header, Device device, int seed) {
        return ModelWeights.createSeeded(
                header.architecture(),
                header.numClasses(),
                header.width(),
                header.input(),
                device,
                seed,
                (backbone, manager) -> new VideoEncoder(header, backbone, manager));
    }

    /** An encoder with the given weights (a full state_dict, head included when the header has one). */
    public static VideoEncoder fromStateDict(
            EncoderHeader header, Map<String, NpyArray> stateDict, String source, Device device)
            throws StateDictException {
        VideoEncoder encoder = create(header, device, 0);
        ModelWeights.loadOrFree(encoder.backbone, encoder.manager, stateDict, source, true);
        return encoder;
    }

    /**
     * Takes ownership of trained weights: {@code backbone}'s parameters must live in {@code manager}, which the
     * encoder closes. The header must describe the backbone.
     */
    public static VideoEncoder of(EncoderHeader header, VideoBackbone backbone, NDManager manager) {
        if (header.architecture() != backbone.architecture()
                || header.numClasses() != backbone.numClasses()
                || header.width() != backbone.width()) {
            throw new IllegalArgumentException("The header (" + header.architecture() + ", width " + header.width()
                    + ", "
                    + header.numClasses() + " classes) does not describe the backbone (" + backbone.architecture()
                    + ", width " + backbone.width() + ", " + backbone.numClasses() + " classes).");
        }
        return new VideoEncoder(header, backbone, manager);
    }

    public EncoderHeader header() {
        return header;
    }

    /** The same weights with another header (e.g. after training an epoch); the new object shares the weights. */
    public VideoEncoder withHeader(EncoderHeader newHeader) {
        if (newHeader.architecture() != header.architecture()
                || newHeader.numClasses() != header.numClasses()
                || newHeader.width() != header.width()) {
            throw new IllegalArgumentException("A header for other weights (" + newHeader.architecture() + ", "
                    + newHeader.numClasses() + " classes) cannot replace " + header.architecture() + ".");
        }
        return new VideoEncoder(newHeader, backbone, manager);
    }

    public VideoBackbone backbone() {
        return backbone;
    }

    /** The manager holding the weights; its device is the encoder's device. */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * Features of a batch N x 3 x T x H x W.
     *
     * @param training BatchNorm in training mode (batch statistics, running stats updated) when true
     */
    public NDArray features(NDArray clips, FeatureKind kind, boolean training) {
        return backbone.features(new ParameterStore(clips.getManager(), false), clips, training, kind);
    }

    @Override
    public void close() {
        manager.close();
    }
}
