/**
 * Settings of the Embedding Extractor step ({@link org.vidssl.core.extract.ExtractSettings}): how
 * many test clips per video, which view and feature, merge, batching and device. The engine lives in
 * the torch bundle ({@code org.vidssl.torch.extract.EmbeddingExtractor}).
 */
package org.vidssl.core.extract;
