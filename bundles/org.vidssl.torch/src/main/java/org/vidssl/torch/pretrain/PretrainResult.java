package org.vidssl.torch.pretrain;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.vidssl.core.pretrain.EpochRecord;

/**
 * The trained encoder and the per-epoch history. The encoder's weights live in {@code manager}; close
 * the result to free them.
 */
public record PretrainResult(Block encoder, List<EpochRecord> history, NDManager manager) implements AutoCloseable {

    @Override
    public void close() {
        manager.close();
    }
}
