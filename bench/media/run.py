"""Media benchmark: CPU time to make one 60-second download in each format, against MP3.

    .venv/bin/python bench/media/run.py
    .venv/bin/python bench/media/run.py --repeat 9 --seconds 60

What a cache miss costs the sandbox: synthesis of the music (the same for every
format), then encoding and tagging with a 350 px front cover, measured separately
as process CPU time (`time.process_time`, so other load on the machine does not
count), median of `--repeat` runs after one warm-up. Prints each format's encode+tag
time, its ratio to MP3 320's in the same run, and the file size.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.settings")
django.setup()  # sandbox.media.audio imports the sandbox's models

from PIL import Image  # noqa: E402

from sandbox.media import synth  # noqa: E402
from sandbox.media.audio import AUDIO_FORMATS, SAMPLE_RATE  # noqa: E402
from sandbox.media.tagging import Tags  # noqa: E402

NAMES = {17: "MP3 320", 33: "AAC 320 (M4A)", 45: "FLAC 16-bit"}


def cover() -> bytes:
    image = Image.linear_gradient("L").resize((350, 350)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def cpu(work, repeat: int) -> tuple[float, object]:
    """(median CPU seconds of work(), its last result), after one warm-up run."""
    result = work()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    song = synth.Song.from_seed(4242, "rock")
    synth_time, samples = cpu(lambda: synth.render(song, args.seconds, SAMPLE_RATE), args.repeat)
    tags = Tags("Bench Track", "Bench Artist", "Bench Album", track_number=1, cover=cover())
    print(f"{args.seconds:.0f} s of 44.1 kHz mono, median of {args.repeat} runs (CPU time)")
    print(f"synthesis (shared by every format): {synth_time * 1000:7.1f} ms")
    results = {}
    for format_id, fmt in AUDIO_FORMATS.items():

        def make(fmt=fmt):
            return fmt.tag(fmt.encode(samples, SAMPLE_RATE), tags)

        results[format_id] = cpu(make, args.repeat)
    baseline = results[17][0]
    print(f"{'format':<16}{'encode+tag':>12}{'vs MP3':>9}{'size':>10}")
    for format_id, (seconds, data) in results.items():
        ratio = seconds / baseline
        size = f"{len(data) / 1e6:.2f} MB"
        print(f"{NAMES[format_id]:<16}{seconds * 1000:>9.1f} ms{ratio:>8.2f}x{size:>10}")


if __name__ == "__main__":
    main()
