/**
 * Video retrieval as the paper evaluates it: exact k-nearest-neighbour search of test embeddings
 * in train embeddings ({@link org.vidssl.core.retrieval.KnnSearch}) and the top-k accuracy
 * ({@link org.vidssl.core.retrieval.TopKAccuracy}). The dot products are a pluggable
 * {@link org.vidssl.core.retrieval.DotProductBlock}; the pure Java one is the reference.
 */
package org.vidssl.core.retrieval;
