package org.vidssl.core.finetune;

/**
 * One row of the fine-tuning history (the reference prints the same meters per epoch).
 *
 * @param epoch                1-based epoch
 * @param trainLoss            mean cross-entropy over the epoch's training clips
 * @param trainAccuracy        share of training clips classified right (0..1)
 * @param validationLoss       mean cross-entropy over the held-out videos (one clip each)
 * @param validationAccuracy   share of held-out videos classified right (0..1)
 * @param learningRate         lr of the early stages in this epoch
 * @param finetuneLearningRate lr of conv4, conv5 and the head in this epoch
 * @param seconds              wall time of the epoch (training and validation)
 * @param best                 true when this epoch's weights became the kept best model (lowest validation loss)
 */
public record FinetuneEpoch(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double finetuneLearningRate,
        double seconds,
        boolean best) {}
