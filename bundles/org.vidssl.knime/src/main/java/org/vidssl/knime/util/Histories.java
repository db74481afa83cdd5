package org.vidssl.knime.util;

import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.knime.util.RowLayout.Kind;

/** The training history tables of the training nodes: one row per epoch, the engine's figures. */
public final class Histories {

    /** IIC Pretrainer: the four meters the reference logs per epoch, plus learning rate and speed. */
    public static final RowLayout<EpochRecord> PRETRAIN = new RowLayout<EpochRecord>()
            .add("Epoch", Kind.INT, EpochRecord::epoch)
            .add("Loss", Kind.DOUBLE, EpochRecord::loss)
            .add("Loss view 1", Kind.DOUBLE, EpochRecord::lossView1)
            .add("Loss view 2", Kind.DOUBLE, EpochRecord::lossView2)
            .add("Positive probability view 1", Kind.DOUBLE, EpochRecord::probView1)
            .add("Positive probability view 2", Kind.DOUBLE, EpochRecord::probView2)
            .add("Learning rate", Kind.DOUBLE, EpochRecord::lr)
            .add("Seconds", Kind.DOUBLE, EpochRecord::seconds)
            .add("Clips per second", Kind.DOUBLE, EpochRecord::clipsPerSecond);

    /** Action Recognition Learner: the meters the reference prints per epoch; Best marks the kept weights. */
    public static final RowLayout<FinetuneEpoch> FINETUNE = new RowLayout<FinetuneEpoch>()
            .add("Epoch", Kind.INT, FinetuneEpoch::epoch)
            .add("Training loss", Kind.DOUBLE, FinetuneEpoch::trainLoss)
            .add("Training accuracy", Kind.DOUBLE, FinetuneEpoch::trainAccuracy)
            .add("Validation loss", Kind.DOUBLE, FinetuneEpoch::validationLoss)
            .add("Validation accuracy", Kind.DOUBLE, FinetuneEpoch::validationAccuracy)
            .add("Learning rate", Kind.DOUBLE, FinetuneEpoch::learningRate)
            .add("Fine-tune learning rate", Kind.DOUBLE, FinetuneEpoch::finetuneLearningRate)
            .add("Seconds", Kind.DOUBLE, FinetuneEpoch::seconds)
            .add("Best", Kind.BOOLEAN, FinetuneEpoch::best);

    private Histories() {}
}
