package org.vidssl.torch.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.function.BiFunction;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.TorchRuntime;

/**
 * Construction shared by the models that own their weights ({@link VideoEncoder}, the fine-tuning classifier): a
 * backbone initialised in a new NDManager, and loading a state_dict into it, freeing the manager when anything fails.
 */
public final class ModelWeights {

    /** Seeding is process-wide in PyTorch: one lock for every seeded creation, whatever model it is for. */
    private static final Object SEED_LOCK = new Object();

    private ModelWeights() {}

    /**
     * A freshly initialised backbone (PyTorch's default initialisation, deterministic for a seed) in a new manager on
     * {@code device}, handed to {@code owner}, which takes ownership of the manager. The manager is closed on failure.
     */
    public static <M> M createSeeded(
            Backbone architecture,
            int numClasses,
            int width,
            InputSpec input,
            Device device,
            int seed,
            BiFunction<VideoBackbone, NDManager, M> owner) {
        Engine engine = TorchRuntime.engine();
        NDManager manager = engine.newBaseManager(device);
        try {
            synchronized (SEED_LOCK) {
                engine.setRandomSeed(seed);
                VideoBackbone backbone = Backbones.initialize(
                        Backbones.create(architecture, numClasses, width),
                        manager,
                        input.frames(),
                        input.height(),
                        input.width());
                return owner.apply(backbone, manager);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a state_dict into a new model's backbone (see {@link StateDicts#load}); on failure closes
     * {@code manager}, the model's own, so that a half-built model does not leak native memory.
     */
    public static void loadOrFree(
            VideoBackbone backbone,
            NDManager manager,
            Map<String, NpyArray> stateDict,
            String source,
            boolean includeHead)
            throws StateDictException {
        try {
            StateDicts.load(backbone, stateDict, source, includeHead);
        } catch (StateDictException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
