"""Benchmark: what eight 6300 x 6300 px PNGs cost a worker (issue #13, row 7).

    uv run python bench/upload_cost.py

Each measurement runs in a fresh process (so peak RSS is its own):

- ``baseline``: Django set up and the eight files in memory, nothing else;
- ``decode all``: every photo checked and re-encoded one by one, as
  ``/contribute/pictures/`` did before the per-request pixel budget;
- ``budget check``: what the view does now: the pixels of all files are summed from
  their headers and the request is refused before any photo is decoded.

Prints one Markdown table row per measurement (seconds of wall time, peak RSS in MB of
the whole process, Django included).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")


def photo_bytes() -> bytes:
    """About 150 KB of PNG for 6300 x 6300 px: flat colour with a little noise."""
    from PIL import Image

    image = Image.new("RGB", (6300, 6300), (40, 90, 160))
    noise = Image.effect_noise((630, 63), 40).convert("RGB")
    image.paste(noise, (0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def measure(mode: str, path: str) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsdesk.contributions.services import PhotoInput, _clean_photos
    from newsdesk.images.uploads import sanitise_image_upload

    data = Path(path).read_bytes()
    files = [SimpleUploadedFile(f"big{i}.png", data) for i in range(8)]
    started = time.perf_counter()
    if mode == "baseline":
        outcome = "nothing done"
    elif mode == "decode all":
        for file in files:
            sanitise_image_upload(file)
        outcome = "stored"
    else:
        cleaned, errors = _clean_photos([PhotoInput(file=f, caption="x") for f in files])
        outcome = "refused" if errors and not cleaned else "accepted"
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"| {mode} | {len(data) // 1024} KB x 8 | {elapsed:.2f} s | {peak_mb:.0f} MB | {outcome} |"
    )


def main() -> None:
    if len(sys.argv) > 2:
        measure(sys.argv[1], sys.argv[2])
        return
    with tempfile.NamedTemporaryFile(suffix=".png") as photo:
        photo.write(photo_bytes())  # made here, so its cost is in neither measurement
        photo.flush()
        print("| path | files | wall time | peak RSS | outcome |")
        print("|---|---|---|---|---|")
        for mode in ("baseline", "budget check", "decode all"):
            subprocess.run([sys.executable, __file__, mode, photo.name], check=True, cwd=REPO)


if __name__ == "__main__":
    main()
