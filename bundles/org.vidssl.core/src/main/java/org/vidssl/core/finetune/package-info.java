/**
 * Fine-tuning for action recognition, engine-free: the settings ({@link org.vidssl.core.finetune.FinetuneSettings}),
 * the seeded validation hold-out ({@link org.vidssl.core.finetune.ValidationSplit}) and the per-epoch history
 * ({@link org.vidssl.core.finetune.FinetuneEpoch}).
 */
package org.vidssl.core.finetune;
