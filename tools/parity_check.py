#!/usr/bin/env python3
"""Numerical parity of vidssl's DJL backbones with PyTorch (a test harness, not product code).

The reference networks below are re-typed from the public IIC reference (BestJuly/IIC,
models/r3d.py, r21d.py, c3d.py) for this check only: same module names, so their state_dict
names are the ones vidssl maps its parameters to. The script gives every weight and BatchNorm
running statistic random values, saves them as .npz, saves random clips as .npy, runs
`vidssl forward` (Java, DJL PyTorch) on them and compares with this PyTorch forward.

Usage: python3 tools/parity_check.py --classpath CP [--arch r3d] [--clips 2] [--size 16x112x112]
CP is the Java class path of the CLI (tools/cli_classpath.sh prints it).
"""
import argparse
import copy
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn


class SpatioTemporalConv(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0, factored=False):
        super().__init__()
        k, stride, padding = [(v,) * 3 if isinstance(v, int) else tuple(v) for v in (k, stride, padding)]
        self.factored = factored
        if not factored:
            self.temporal_spatial_conv = nn.Conv3d(cin, cout, k, stride=stride, padding=padding, bias=False)
        else:
            mid = int(math.floor(k[0] * k[1] * k[2] * cin * cout / (k[1] * k[2] * cin + k[0] * cout)))
            self.spatial_conv = nn.Conv3d(cin, mid, (1, k[1], k[2]), stride=(1, stride[1], stride[2]),
                                          padding=(0, padding[1], padding[2]), bias=False)
            self.bn = nn.BatchNorm3d(mid)
            self.relu = nn.ReLU()
            self.temporal_conv = nn.Conv3d(mid, cout, (k[0], 1, 1), stride=(stride[0], 1, 1),
                                           padding=(padding[0], 0, 0), bias=False)

    def forward(self, x):
        if not self.factored:
            return self.temporal_spatial_conv(x)
        return self.temporal_conv(self.relu(self.bn(self.spatial_conv(x))))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, downsample, factored):
        super().__init__()
        self.downsample = downsample
        if downsample:
            self.downsampleconv = SpatioTemporalConv(cin, cout, 1, stride=2, factored=factored)
            self.downsamplebn = nn.BatchNorm3d(cout)
        self.conv1 = SpatioTemporalConv(cin, cout, 3, stride=2 if downsample else 1, padding=1, factored=factored)
        self.bn1 = nn.BatchNorm3d(cout)
        self.conv2 = SpatioTemporalConv(cout, cout, 3, padding=1, factored=factored)
        self.bn2 = nn.BatchNorm3d(cout)

    def forward(self, x):
        res = torch.relu(self.bn1(self.conv1(x)))
        res = self.bn2(self.conv2(res))
        if self.downsample:
            x = self.downsamplebn(self.downsampleconv(x))
        return torch.relu(x + res)


class ResLayer(nn.Module):
    def __init__(self, cin, cout, depth, downsample, factored):
        super().__init__()
        self.block1 = ResBlock(cin, cout, downsample, factored)
        self.blocks = nn.ModuleList([ResBlock(cout, cout, False, factored) for _ in range(depth - 1)])

    def forward(self, x):
        x = self.block1(x)
        for b in self.blocks:
            x = b(x)
        return x


class ResNet(nn.Module):
    def __init__(self, depths, factored):
        super().__init__()
        self.conv1 = SpatioTemporalConv(3, 64, (3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3), factored=factored)
        self.bn1 = nn.BatchNorm3d(64)
        self.conv2 = ResLayer(64, 64, depths[0], False, factored)
        self.conv3 = ResLayer(64, 128, depths[1], True, factored)
        self.conv4 = ResLayer(128, 256, depths[2], True, factored)
        self.conv5 = ResLayer(256, 512, depths[3], True, factored)

    def conv_map(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return self.conv5(self.conv4(self.conv3(self.conv2(x))))


class C3D(nn.Module):
    LAYERS = [("1", 64, (1, 2, 2)), ("2", 128, (2, 2, 2)), ("3a", 256, None), ("3b", 256, (2, 2, 2)),
              ("4a", 512, None), ("4b", 512, (2, 2, 2)), ("5a", 512, None), ("5b", 512, None)]

    def __init__(self):
        super().__init__()
        cin = 3
        for name, cout, _ in self.LAYERS:
            setattr(self, "conv" + name, nn.Conv3d(cin, cout, 3, padding=1))
            setattr(self, "bn" + name, nn.BatchNorm3d(cout))
            cin = cout

    def conv_map(self, x):
        for name, _, pool in self.LAYERS:
            x = torch.relu(getattr(self, "bn" + name)(getattr(self, "conv" + name)(x)))
            if pool is not None:
                x = nn.functional.max_pool3d(x, pool, pool)
        return x


def build(arch):
    return {"r3d": lambda: ResNet((1, 1, 1, 1), False), "r21d": lambda: ResNet((1, 1, 1, 1), True),
            "r3d18": lambda: ResNet((2, 2, 2, 2), False), "c3d": C3D}[arch]()


def features(model, x, kind):
    m = model.conv_map(x)
    if kind == "pooled":
        return nn.functional.adaptive_avg_pool3d(m, 1).flatten(1)
    return nn.functional.max_pool3d(m, (1, 2, 2), (1, 2, 2)).flatten(1)


def randomise(model, gen):
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if name.endswith("num_batches_tracked"):
                continue
            if name.endswith("running_var"):
                t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
            elif name.endswith("running_mean") or name.endswith(".bias"):
                t.copy_(torch.randn(t.shape, generator=gen) * 0.1)
            elif "bn" in name.split(".")[-2]:
                t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
            # conv weights keep PyTorch's default initialisation


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--classpath", required=True)
    p.add_argument("--arch", default="r3d", choices=["r3d", "r21d", "r3d18", "c3d"])
    p.add_argument("--clips", type=int, default=2)
    p.add_argument("--size", default="16x112x112")
    p.add_argument("--java", default="java")
    p.add_argument("--tolerance", type=float, default=1e-4)
    p.add_argument("--quiet", action="store_true", help="hide the Java side's stderr")
    a = p.parse_args()
    t, h, w = (int(v) for v in a.size.split("x"))
    torch.manual_seed(632)
    gen = torch.Generator().manual_seed(632)
    model = build(a.arch)
    randomise(model, gen)
    model.eval()
    x = torch.rand((a.clips, 3, t, h, w), generator=gen)
    worst = 0.0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        weights = os.path.join(tmp, "weights.npz")
        with open(weights, "wb") as f:
            np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})
        clips = os.path.join(tmp, "x.npy")
        np.save(clips, x.numpy())
        for mode, kind in (("eval", "pooled"), ("eval", "conv"), ("train", "pooled")):
            reference = copy.deepcopy(model).train(mode == "train")  # train: batch statistics in BatchNorm
            with torch.no_grad():
                expected = features(reference, x, kind).numpy()
            out = os.path.join(tmp, mode + kind + ".npy")
            cmd = [a.java, "-cp", a.classpath, "-Dai.djl.offline=true", "org.vidssl.cli.VidsslCli", "forward",
                   "--model", a.arch, "--weights", weights, "--input", clips, "--output", out,
                   "--features", kind, "--mode", mode]
            subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL if a.quiet else None)
            got = np.load(out)
            if got.shape != expected.shape:
                sys.exit(f"{a.arch} {kind}: shape {got.shape} vs PyTorch {expected.shape}")
            diff = float(np.abs(got - expected).max())
            worst = max(worst, diff)
            results[(mode, kind)] = got
            print(f"{a.arch} {mode:5s} {kind:6s} {a.clips}x3x{a.size}: shape {got.shape}, max |diff| {diff:.3e} "
                  f"(max |value| {float(np.abs(expected).max()):.3e})")
        # control: the comparison can see a difference (train-mode BatchNorm changes the features)
        control = float(np.abs(results[("eval", "pooled")] - results[("train", "pooled")]).max())
        print(f"control: eval vs train pooled features differ by up to {control:.3e}")
    print(f"torch {torch.__version__}; worst max |diff| {worst:.3e}; tolerance {a.tolerance:g}: "
          + ("PASS" if worst <= a.tolerance else "FAIL"))
    sys.exit(0 if worst <= a.tolerance else 1)


if __name__ == "__main__":
    main()
