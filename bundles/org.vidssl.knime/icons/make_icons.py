#!/usr/bin/env python3
"""Draws the 16x16 node icons (a film strip with a letter) and writes them as PNG.

Run once from the bundle folder after changing a glyph or colour; the PNGs are committed.
Only the standard library is used (PNG = zlib-compressed RGBA rows).
"""
import os
import struct
import zlib

# 5x7 letters, one string per row, '#' = ink
GLYPHS = {
    "D": ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
    "S": [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
    "F": ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
    "C": [".####", "#....", "#....", "#....", "#....", "#....", ".####"],
    "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
    "E": ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
    "K": ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
    "L": ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
    "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "W": ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"],
    "R": ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
    "V": ["#...#", "#...#", "#...#", "#...#", ".#.#.", ".#.#.", "..#.."],
}

# (file relative to the bundle, letter, ink colour)
ICONS = [
    ("src/main/resources/org/vidssl/knime/node/reader/video-dataset-reader.png", "D", (230, 126, 34)),
    ("src/main/resources/org/vidssl/knime/node/synthetic/synthetic-motion-videos.png", "S", (230, 126, 34)),
    ("src/main/resources/org/vidssl/knime/node/frames/video-frame-extractor.png", "F", (41, 128, 185)),
    ("src/main/resources/org/vidssl/knime/node/clip/clip-pipeline.png", "C", (41, 128, 185)),
    ("src/main/resources/org/vidssl/knime/node/pretrain/iic-pretrainer.png", "P", (142, 68, 173)),
    ("src/main/resources/org/vidssl/knime/node/embed/video-embedding-extractor.png", "E", (39, 174, 96)),
    ("src/main/resources/org/vidssl/knime/node/knn/video-knn-retrieval.png", "K", (39, 174, 96)),
    ("src/main/resources/org/vidssl/knime/node/learn/action-recognition-learner.png", "L", (192, 57, 43)),
    ("src/main/resources/org/vidssl/knime/node/predict/action-recognition-predictor.png", "A", (192, 57, 43)),
    ("src/main/resources/org/vidssl/knime/node/modelwriter/video-model-writer.png", "W", (127, 140, 141)),
    ("src/main/resources/org/vidssl/knime/node/modelreader/video-model-reader.png", "R", (127, 140, 141)),
    ("icons/category.png", "V", (142, 68, 173)),
]

FILM = (60, 60, 60, 255)
FRAME = (250, 250, 250, 255)
CLEAR = (0, 0, 0, 0)


def draw(letter, ink):
    px = [[CLEAR] * 16 for _ in range(16)]
    for y in range(1, 15):              # film strip: dark band with sprocket holes left and right
        for x in range(0, 16):
            px[y][x] = FILM
    for y in range(2, 14, 3):
        px[y][1] = px[y][14] = FRAME
    for y in range(3, 13):              # the picture area
        for x in range(3, 13):
            px[y][x] = FRAME
    rows = GLYPHS[letter]
    for gy, row in enumerate(rows):      # 5x7 glyph centred in the picture area
        for gx, c in enumerate(row):
            if c == "#":
                px[4 + gy][5 + gx] = ink + (255,)
    return px


def png(px):
    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in px)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 16, 16, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    for path, letter, ink in ICONS:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png(draw(letter, ink)))
        print(path)
