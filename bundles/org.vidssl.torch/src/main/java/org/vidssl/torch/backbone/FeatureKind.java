package org.vidssl.torch.backbone;

/** Which feature a backbone returns. */
public enum FeatureKind {
    /** Global-average-pooled last conv map: N x 512 (training, fine-tuning). */
    POOLED,
    /** Last conv map max-pooled (1,2,2) and flattened: the retrieval feature (9,216-d for 16x112x112 input). */
    CONV
}
