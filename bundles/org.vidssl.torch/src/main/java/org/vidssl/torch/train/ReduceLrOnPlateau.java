package org.vidssl.torch.train;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} in mode min with a relative threshold of 1e-4 and
 * no cooldown (PyTorch's defaults): when the metric has not improved for more than {@code patience}
 * epochs, lr becomes max(lr * factor, minLr). The fine-tuning recipe uses patience 50, factor 0.1, min 1e-5.
 */
public final class ReduceLrOnPlateau {

    private static final double THRESHOLD = 1e-4;

    private final double factor;
    private final int patience;
    private final double minLr;
    private double learningRate;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    public ReduceLrOnPlateau(double initialLr, double factor, int patience, double minLr) {
        this.learningRate = initialLr;
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
    }

    /** Feeds one epoch's metric (lower is better) and returns the learning rate for the next epoch. */
    public double step(double metric) {
        if (metric < best * (1 - THRESHOLD)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs > patience) {
            learningRate = Math.max(learningRate * factor, minLr);
            badEpochs = 0;
        }
        return learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    /** State for checkpoints: {lr, best, bad epochs}. */
    public double[] state() {
        return new double[] {learningRate, best, badEpochs};
    }

    public void restore(double[] s) {
        learningRate = s[0];
        best = s[1];
        badEpochs = (int) s[2];
    }
}
