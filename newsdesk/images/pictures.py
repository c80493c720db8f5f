"""Generated (not downloaded) photos for the demo: gradients and simple motifs."""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _gradient(top: tuple, bottom: tuple) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def _shade(colour: tuple, factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(c * factor))) for c in colour)  # type: ignore[return-value]


def _motif(draw: ImageDraw.ImageDraw, motif: str, base: tuple, rng: random.Random) -> None:
    dark, light = _shade(base, 0.45), _shade(base, 1.5)
    if motif in {"city", "crowd"}:
        x = 0
        while x < WIDTH:
            w, h = rng.randint(60, 160), rng.randint(200, 620)
            draw.rectangle([x, HEIGHT - h, x + w, HEIGHT], fill=_shade(dark, rng.uniform(0.7, 1.2)))
            for wy in range(HEIGHT - h + 20, HEIGHT - 20, 36):
                for wx in range(x + 12, x + w - 12, 28):
                    if rng.random() < 0.45:
                        draw.rectangle([wx, wy, wx + 12, wy + 16], fill=(255, 226, 150))
            x += w + rng.randint(4, 24)
    elif motif in {"sea", "field"}:
        for band in range(8):
            y0 = HEIGHT * 0.5 + band * 55
            points = [(x, y0 + 18 * math.sin(x / 90 + band)) for x in range(0, WIDTH + 40, 40)]
            draw.line(
                points, fill=_shade(light if motif == "sea" else dark, 1 - band * 0.06), width=16
            )
    elif motif == "mountain":
        for layer in range(3):
            peaks = [(0, HEIGHT)]
            for x in range(0, WIDTH + 200, 200):
                peaks.append((x, HEIGHT * (0.35 + 0.15 * layer) + rng.randint(-80, 80)))
            peaks.append((WIDTH, HEIGHT))
            draw.polygon(peaks, fill=_shade(dark, 0.8 + 0.25 * layer))
    elif motif == "chart":
        y = HEIGHT * 0.7
        points = []
        for x in range(80, WIDTH - 80, 60):
            y = max(120, min(HEIGHT - 120, y + rng.randint(-60, 50)))
            points.append((x, y))
        for gx in range(80, WIDTH, 160):
            draw.line([(gx, 80), (gx, HEIGHT - 80)], fill=_shade(light, 0.9), width=2)
        draw.line(points, fill=(255, 255, 255), width=10)
    else:  # circuit
        for _ in range(40):
            x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
            length = rng.randint(80, 400)
            end = (x + length, y) if rng.random() < 0.5 else (x, y + length)
            draw.line([(x, y), end], fill=light, width=6)
            draw.ellipse([end[0] - 12, end[1] - 12, end[0] + 12, end[1] + 12], fill=(255, 255, 255))


def demo_picture_jpeg(*, palette: list[str], motif: str, seed: int) -> bytes:
    """A 1600x900 JPEG that looks like an illustration, the same for the same seed."""
    rng = random.Random(seed)
    top, bottom = _hex(palette[0]), _hex(palette[-1])
    image = _gradient(top, bottom)
    _motif(ImageDraw.Draw(image), motif, bottom, rng)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
