package org.vidssl.torch.pretrain;

import java.util.List;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.torch.model.VideoEncoder;

/**
 * What {@link IicPretraining#run} gives back: the trained encoder (with a header describing its training) and
 * the per-epoch history. Close it to free the encoder's weights.
 */
public record PretrainOutcome(VideoEncoder encoder, List<EpochRecord> history) implements AutoCloseable {

    public PretrainOutcome {
        history = List.copyOf(history);
    }

    /** The last epoch's record, or null when no epoch ran. */
    public EpochRecord lastEpoch() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    @Override
    public void close() {
        encoder.close();
    }
}
