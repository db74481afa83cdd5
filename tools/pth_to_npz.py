#!/usr/bin/env python3
"""Convert a PyTorch checkpoint (.pth) into a numpy .npz state_dict that vidssl can import.

Usage: python3 tools/pth_to_npz.py model.pth weights.npz

Accepts a bare state_dict or a checkpoint dict holding it under 'model' or 'state_dict';
strips the 'module.' prefix that nn.DataParallel adds. Every tensor is saved as float32
under its state_dict name (num_batches_tracked included; vidssl ignores it).
"""
import sys

import numpy as np
import torch


def load_state_dict(path):
    checkpoint = torch.load(path, map_location="cpu")
    if isinstance(checkpoint, dict):
        for key in ("model", "state_dict"):
            if key in checkpoint and isinstance(checkpoint[key], dict):
                checkpoint = checkpoint[key]
                break
    if not isinstance(checkpoint, dict):
        sys.exit(f"{path}: no state_dict found (got {type(checkpoint).__name__})")
    arrays = {}
    for name, value in checkpoint.items():
        if not torch.is_tensor(value):
            continue
        if name.startswith("module."):
            name = name[len("module."):]
        arrays[name] = value.detach().cpu().numpy().astype(np.float32)
    return arrays


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    arrays = load_state_dict(sys.argv[1])
    with open(sys.argv[2], "wb") as out:  # a file object keeps numpy from appending '.npz'
        np.savez(out, **arrays)
    print(f"wrote {len(arrays)} arrays to {sys.argv[2]}")


if __name__ == "__main__":
    main()
