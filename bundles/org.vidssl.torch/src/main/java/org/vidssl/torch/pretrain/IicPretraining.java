package org.vidssl.torch.pretrain;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;

/**
 * The one entry point for IIC pretraining, shared by the command-line tool and the KNIME node: loads the
 * engine (offline, thread count, this bundle's class loader as context loader), builds the backbone the
 * settings name, runs the {@link Pretrainer} and wraps the trained weights into a {@link VideoEncoder}
 * whose header records the architecture, the input geometry (clip length, resize, crop), view 2, every training
 * setting and where it came from.
 */
public final class IicPretraining {

    /** Product name and version written into the provenance of every encoder. */
    public static final String PRODUCT = "vidssl";

    private IicPretraining() {}

    /** As {@link #run(ClipSource, PretrainSettings, String, Progress, Consumer)}, naming the dataset by its folder. */
    public static PretrainOutcome run(
            ClipSource source, PretrainSettings settings, Progress progress, Consumer<StepReport> onStep) {
        return run(source, settings, datasetName(source.videos()), progress, onStep);
    }

    /**
     * Pretrains an encoder. The feature dimension contrasted is the backbone's own (8 x width; 512 for the
     * paper's networks): our encoders have no projection head, so {@code settings.featureDim()} is derived from the
     * width.
     *
     * @param datasetName recorded in the encoder's provenance
     * @param progress    progress and cancellation (null for none)
     * @param onStep      receives every step's figures (null for none)
     * @throws IllegalArgumentException for settings that do not fit the source (naming the setting)
     */
    public static PretrainOutcome run(
            ClipSource source,
            PretrainSettings settings,
            String datasetName,
            Progress progress,
            Consumer<StepReport> onStep) {
        settings.validate();
        ClipSettings clips = source.settings();
        if (clips.clipLength() != settings.clipLength() || clips.cropSize() != settings.cropSize()) {
            throw new IllegalArgumentException("The clip source cuts " + clips.clipLength() + "x" + clips.cropSize()
                    + "x"
                    + clips.cropSize() + " clips but the pretraining settings say clip length " + settings.clipLength()
                    + " and crop " + settings.cropSize() + ": set both to the same values.");
        }
        Backbone architecture = Backbone.parse(settings.model());
        try {
            return TorchRuntime.withContextClassLoader(() -> {
                TorchRuntime.engine(new TorchRuntime.Settings(null, settings.effectiveThreads(), 0));
                Device device = Devices.parse(settings.device());
                Pretrainer pretrainer = new Pretrainer(device);
                if (onStep != null) {
                    pretrainer.onStep(onStep);
                }
                PretrainResult result = pretrainer.run(
                        source, settings, () -> Backbones.create(architecture, 0, settings.width()), progress);
                try {
                    VideoBackbone backbone = (VideoBackbone) result.encoder();
                    EncoderHeader header =
                            header(architecture, settings, InputSpec.of(clips), result.history(), datasetName);
                    return new PretrainOutcome(VideoEncoder.of(header, backbone, result.manager()), result.history());
                } catch (RuntimeException e) {
                    result.close();
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The header of a pretrained encoder; {@code input} is the geometry of the clips it trained on. */
    static EncoderHeader header(
            Backbone architecture, PretrainSettings s, InputSpec input, List<EpochRecord> history, String datasetName) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("tool", PRODUCT + " " + version());
        provenance.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        provenance.put("dataset", datasetName == null ? "" : datasetName);
        provenance.put(
                "method",
                "IIC pretraining (" + s.objective().id() + ", intra-negative "
                        + s.intraNegative().id() + ")");
        int epoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        return new EncoderHeader(
                architecture, 0, input, s.modality().id(), s.toMap(), epoch, provenance, null, s.width());
    }

    /** The product version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = IicPretraining.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The name of the folder that holds all videos (the dataset root), or "" when they share none. */
    static String datasetName(List<VideoEntry> videos) {
        Path common = null;
        for (VideoEntry v : videos) {
            Path p = v.source() == null
                    ? null
                    : v.source().toAbsolutePath().normalize().getParent();
            if (p == null) {
                return "";
            }
            if (common == null) {
                common = p;
            } else {
                while (common != null && !p.startsWith(common)) {
                    common = common.getParent();
                }
            }
        }
        return common == null || common.getFileName() == null
                ? ""
                : common.getFileName().toString();
    }
}
