package org.vidssl.torch.pretrain;

/**
 * What one training step reports to a listener.
 *
 * @param epoch          1-based epoch
 * @param step           1-based step within the epoch
 * @param steps          steps per epoch
 * @param lossView1      view-1 loss of this step
 * @param lossView2      view-2 loss of this step
 * @param probView1      mean positive probability of view 1
 * @param probView2      mean positive probability of view 2
 * @param lr             learning rate
 * @param clipsPerSecond clips per second so far in this epoch
 * @param etaSeconds     estimated seconds to the end of training
 */
public record StepReport(
        int epoch,
        int step,
        int steps,
        float lossView1,
        float lossView2,
        float probView1,
        float probView2,
        double lr,
        double clipsPerSecond,
        double etaSeconds) {

    public String message() {
        return String.format(
                java.util.Locale.ROOT,
                "Epoch %d step %d/%d: loss %.4f + %.4f, positive p %.3f / %.3f, lr %.3g, %.1f clips/s, ETA %s",
                epoch,
                step,
                steps,
                lossView1,
                lossView2,
                probView1,
                probView2,
                lr,
                clipsPerSecond,
                eta(etaSeconds));
    }

    private static String eta(double s) {
        long t = Math.round(s);
        return t >= 3600
                ? String.format(java.util.Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(java.util.Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
