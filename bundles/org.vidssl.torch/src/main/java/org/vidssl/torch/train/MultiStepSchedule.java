package org.vidssl.torch.train;

/**
 * {@code torch.optim.lr_scheduler.MultiStepLR} stepped once per epoch: the lr of 1-based epoch e is
 * base * gamma^(number of milestones < e), so with milestone 45 epoch 46 is the first decayed one.
 */
public record MultiStepSchedule(double base, int[] milestones, double gamma) {

    public MultiStepSchedule {
        milestones = milestones.clone();
    }

    public double learningRate(int epoch) {
        double lr = base;
        for (int m : milestones) {
            if (epoch > m) {
                lr *= gamma;
            }
        }
        return lr;
    }
}
