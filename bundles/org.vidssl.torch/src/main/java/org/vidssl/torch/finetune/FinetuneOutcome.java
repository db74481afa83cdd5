package org.vidssl.torch.finetune;

import java.util.List;
import org.vidssl.core.finetune.FinetuneEpoch;

/**
 * The fine-tuned classifier (the weights of the epoch with the lowest validation loss) and the per-epoch history.
 * Close it to free the classifier's weights.
 */
public record FinetuneOutcome(ActionClassifier classifier, List<FinetuneEpoch> history) implements AutoCloseable {

    public FinetuneOutcome {
        history = List.copyOf(history);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
