package org.vidssl.core.pretrain;

/**
 * One row of the pretraining history (the reference logs the same four meters per epoch).
 *
 * @param epoch          1-based epoch
 * @param lossView1      mean loss of the view-1 (RGB) term
 * @param lossView2      mean loss of the view-2 term
 * @param probView1      mean softmax probability of the positive for view 1 (0..1)
 * @param probView2      the same for view 2
 * @param lr             learning rate used in this epoch
 * @param seconds        wall time of the epoch
 * @param clipsPerSecond training clips per second (clip loading included)
 */
public record EpochRecord(
        int epoch,
        double lossView1,
        double lossView2,
        double probView1,
        double probView2,
        double lr,
        double seconds,
        double clipsPerSecond) {

    public double loss() {
        return lossView1 + lossView2;
    }
}
