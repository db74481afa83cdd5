package org.vidssl.torch.views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.vidssl.core.clip.View;

/**
 * The second view of a clip batch as tensor ops on the batch's device. Inputs are N x C x T x H x W.
 */
public final class Views {

    private static final int TIME_AXIS = 2;

    private Views() {}

    /** torch.roll(x, 1, dim=2): the last frame wraps to the front. */
    public static NDArray rollTime(NDArray x) {
        long t = x.getShape().get(TIME_AXIS);
        if (t == 1) {
            return x.duplicate();
        }
        return NDArrays.concat(new ai.djl.ndarray.NDList(x.get(":,:,-1:"), x.get(":,:,:-1")), TIME_AXIS);
    }

    /** Frame residual for pretraining and retrieval: (x - roll(x,1,T) + 1) / 2, in [0,1] for x in [0,1]. */
    public static NDArray residualPretrain(NDArray x) {
        return x.sub(rollTime(x)).add(1f).div(2f);
    }

    /**
     * Frame residual for fine-tuning: x - roll(x,1,T), no rescale (as the reference's ft_classify). Zero-centred on
     * purpose: with the pretraining residual instead, an R3D trained from random init on the synthetic motion set
     * stayed at chance (training accuracy 10% after 30 epochs; FinetuneLearnsSyntheticMotionTest's setup), probably
     * because the 0.5 offset against the first convolution's zero padding outweighs the motion.
     */
    public static NDArray residualFinetune(NDArray x) {
        return x.sub(rollTime(x));
    }

    /**
     * View 2 of a batch for pretraining.
     *
     * @param rgb   the RGB batch (view 1)
     * @param flowU the batch's horizontal flow clips, needed for {@link View#U}
     * @param flowV the batch's vertical flow clips, needed for {@link View#V}
     */
    public static NDArray view2(View view, NDArray rgb, NDArray flowU, NDArray flowV) {
        return switch (view) {
            case RGB -> rgb;
            case RES -> residualPretrain(rgb);
            case U -> requireFlow(flowU, "u");
            case V -> requireFlow(flowV, "v");
        };
    }

    private static NDArray requireFlow(NDArray flow, String name) {
        if (flow == null) {
            throw new IllegalArgumentException("View '" + name + "' needs optical-flow frames, but the clip source "
                    + "gave none: add flow folders " + name + "/<video> or choose view res or rgb.");
        }
        return flow;
    }
}
