/**
 * Per-video embeddings with their video ids, classes and splits
 * ({@link org.vidssl.core.embedding.EmbeddingSet}), stored as a CSV index plus a .npy matrix.
 */
package org.vidssl.core.embedding;
