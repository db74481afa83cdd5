/**
 * Datasets: reading UCF101/HMDB51-style split files or plain class folders into a
 * {@link org.vidssl.core.dataset.VideoDataset} ({@link org.vidssl.core.dataset.DatasetReader#read}).
 * Missing videos and disagreeing labels become {@link org.vidssl.core.dataset.DatasetProblem}s;
 * unreadable split files and paths leaving the dataset folder raise
 * {@link org.vidssl.core.dataset.DatasetException}.
 */
package org.vidssl.core.dataset;
