/**
 * Fine-tuning and action recognition (reference {@code ft_classify.py}):
 * {@link org.vidssl.torch.finetune.FineTuner#run} trains an {@link org.vidssl.torch.finetune.ActionClassifier}
 * (backbone + linear head) from a pretrained encoder or from scratch, keeping the weights of the lowest
 * validation loss; {@link org.vidssl.torch.finetune.ActionPredictor#predict} averages the logits of each video's
 * test clips into {@link org.vidssl.torch.finetune.Predictions} (top-k, per-class accuracy, confusion);
 * {@link org.vidssl.torch.finetune.ClassifierFile} stores a classifier as one versioned zip.
 */
package org.vidssl.torch.finetune;
