package org.vidssl.core.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.vidssl.core.dataset.VideoEntry;

/**
 * The seeded hold-out of fine-tuning (the reference's {@code random_split}). Where possible every class gets
 * one held-out video first (only classes with at least two videos, so each keeps one to train on), then the
 * rest is drawn uniformly from the remaining videos. The same (videos, count, seed) always give the same split.
 *
 * @param train      indices into the video list to train on, ascending
 * @param validation indices held out, ascending
 */
public record ValidationSplit(int[] train, int[] validation) {

    private static final long SALT = 0x5EED_F17EL;

    public ValidationSplit {
        train = train.clone();
        validation = validation.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    /** Holds out {@code count} of {@code videos} (1 <= count < videos.size()). */
    public static ValidationSplit of(List<VideoEntry> videos, int count, long seed) {
        int n = videos.size();
        if (count < 1 || count >= n) {
            throw new IllegalArgumentException(
                    "Cannot hold out " + count + " of " + n + " videos: use 1 to " + (n - 1) + ".");
        }
        Random random = new Random(seed ^ SALT);
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(videos.get(i).classIndex(), c -> new ArrayList<>())
                    .add(i);
        }
        List<List<Integer>> classes = new ArrayList<>(byClass.values());
        Collections.shuffle(classes, random);
        boolean[] held = new boolean[n];
        int taken = 0;
        for (List<Integer> members : classes) {
            if (taken == count) {
                break;
            }
            if (members.size() >= 2) {
                held[members.get(random.nextInt(members.size()))] = true;
                taken++;
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!held[i]) {
                rest.add(i);
            }
        }
        Collections.shuffle(rest, random);
        for (int i = 0; taken < count; i++, taken++) {
            held[rest.get(i)] = true;
        }
        int[] validation = new int[count];
        int[] train = new int[n - count];
        int v = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new ValidationSplit(train, validation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationSplit s
                && Arrays.equals(train, s.train)
                && Arrays.equals(validation, s.validation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "ValidationSplit[train=" + train.length + " videos, validation=" + Arrays.toString(validation) + "]";
    }
}
