package org.vidssl.core.retrieval;

/**
 * One retrieved item: a row of the neighbour table.
 *
 * @param query     index of the query vector
 * @param rank      1-based rank (1 = nearest)
 * @param neighbour index of the database vector
 * @param distance  distance between the two
 * @param sameClass whether query and neighbour share a class
 */
public record Neighbour(int query, int rank, int neighbour, float distance, boolean sameClass) {}
