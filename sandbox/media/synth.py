"""A small music box: a pleasant loop, different for every seed, in pure Python.

Everything periodic is built from single cycles. Each chord is tuned in just
intonation as harmonics of one low fundamental (4:5:6 major, 10:12:15 minor), so the
pad, the bass and every arpeggio note repeat exactly every L samples; a voice is one
L-sample cycle tiled by list repetition (C speed), and only the envelopes cost a
multiply per sample. Four bars are rendered once and repeated; a kick and a hi-hat
keep time. Thirty seconds at 22.05 kHz take a few tens of milliseconds.
"""

import math
import random
from array import array
from dataclasses import dataclass

_TWO_PI = 2 * math.pi
_PROGRESSIONS = ((0, 7, 9, 5), (9, 5, 0, 7), (0, 9, 5, 7), (0, 5, 7, 5), (2, 7, 0, 0), (0, 4, 5, 7))
_MINOR_DEGREES = {2, 4, 9}
_PATTERNS = ((0, 1, 2, 3, 2, 1, 0, 1), (0, 2, 1, 3, 0, 2, 1, 3), (0, 1, 2, 3, 3, 2, 1, 0),
             (0, 2, 3, 2, 1, 2, 3, 2), (3, 2, 1, 0, 1, 2, 3, 2))  # fmt: skip
_TEMPI = {  # beats per minute by genre; others use the default range
    "electronic": (118, 128),
    "dance": (120, 128),
    "hip-hop": (84, 96),
    "classical": (66, 84),
    "jazz": (90, 132),
    "metal": (132, 160),
    "soundtrack": (70, 96),
}
_DEFAULT_TEMPO = (88, 124)
_STEPS_PER_BAR = 8  # eighth notes
# The voices' peaks add up to at most ~1.11: this gain keeps the sum inside int16.
_GAIN = 29_000


@dataclass(frozen=True)
class Song:
    tempo: int
    root: int  # MIDI note of the key's bass root
    progression: tuple[int, ...]  # chord roots, semitones above the key
    pattern: tuple[int, ...]  # which chord tone each eighth note plays
    brightness: float  # how much upper harmonic the arpeggio has

    @classmethod
    def from_seed(cls, seed: int, genre: str = "") -> "Song":
        rng = random.Random(f"song:{seed}")
        low, high = _TEMPI.get(genre, _DEFAULT_TEMPO)
        return cls(
            tempo=rng.randint(low, high),
            root=45 + rng.randrange(12),  # A2 .. G#3
            progression=rng.choice(_PROGRESSIONS),
            pattern=rng.choice(_PATTERNS),
            brightness=rng.uniform(0.05, 0.3),
        )


def render(song: Song, seconds: float, sample_rate: int) -> array:
    """Mono 16-bit samples of `song`, looped to `seconds`, faded in and out."""
    loop = _render_loop(song, sample_rate)
    total = int(seconds * sample_rate)
    samples = (loop * (total // len(loop) + 1))[:total]
    _fade(samples, int(0.02 * sample_rate), int(min(2.0, seconds / 6) * sample_rate))
    return samples


def _render_loop(song: Song, rate: int) -> array:
    step = int(rate * 60 / song.tempo / 2)
    arp_env = [math.exp(-5.0 * i / step) for i in range(step)]
    bass_env = [math.exp(-1.2 * i / step) for i in range(2 * step)]
    kick, hat, silence = _padded(_kick(rate), step), _padded(_hat(rate), step), [0.0] * step
    drums = (kick, hat, silence, hat)  # on the beat, off the beat, on, off
    out = array("h")
    position = 0
    for degree in song.progression:
        cycle, chord = _chord(song.root + degree, degree in _MINOR_DEGREES, rate)
        pad = _wave(cycle, [(h * 2, 0.07) for h in chord[:3]])
        bass = _wave(cycle, [(chord[0] // 2, 0.28), (chord[0], 0.06)])
        notes = [_wave(cycle, [(h * 4, 0.2), (h * 8, song.brightness * 0.2)]) for h in chord]
        for index in range(_STEPS_PER_BAR):
            offset = position % cycle
            note = _tile(notes[song.pattern[index]], offset, step)
            bass_part = bass_env[step:] if index % 2 else bass_env[:step]
            out.extend(
                int(_GAIN * (pe * p + be * b + ae * n + d))
                for pe, p, be, b, ae, n, d in zip(
                    _pad_envelope(index, step), _tile(pad, offset, step), bass_part,
                    _tile(bass, offset, step), arp_env, note, drums[index % 4], strict=True,
                )
            )  # fmt: skip
            position += step
    return out


def _chord(midi: int, minor: bool, rate: int) -> tuple[int, tuple[int, ...]]:
    """The cycle length in samples and the chord tones as harmonics of its fundamental."""
    frequency = 440.0 * 2 ** ((midi - 69) / 12)
    harmonics = (10, 12, 15, 20) if minor else (4, 5, 6, 8)
    cycle = round(rate * harmonics[0] / frequency)
    return cycle, harmonics


def _wave(cycle: int, partials: list[tuple[int, float]]) -> list[float]:
    """One cycle of a sum of sines: (harmonic number, amplitude)."""
    return [
        sum(
            amplitude * math.sin(_TWO_PI * harmonic * i / cycle) for harmonic, amplitude in partials
        )
        for i in range(cycle)
    ]


def _tile(cycle: list[float], offset: int, length: int) -> list[float]:
    """`length` samples of a periodic wave, starting `offset` samples into its cycle."""
    rotated = cycle[offset:] + cycle[:offset]
    return (rotated * (length // len(cycle) + 1))[:length]


def _pad_envelope(index: int, step: int) -> list[float]:
    # Swell in at the start of each bar and ease out at its end, so chord changes are smooth.
    if index == 0:
        return [min(1.0, i / (step * 0.5)) for i in range(step)]
    if index == _STEPS_PER_BAR - 1:
        return [1.0 - 0.8 * i / step for i in range(step)]
    return [1.0] * step


def _padded(sound: list[float], length: int) -> list[float]:
    return (sound + [0.0] * length)[:length]


def _kick(rate: int) -> list[float]:
    """A soft kick drum: a sine sweeping from 110 Hz down to 45 Hz, fading fast."""
    length, phase, samples = int(0.14 * rate), 0.0, []
    for i in range(length):
        t = i / length
        phase += _TWO_PI * (45 + 65 * (1 - t) ** 2) / rate
        samples.append(0.3 * math.sin(phase) * (1 - t) ** 2)
    return samples


def _hat(rate: int) -> list[float]:
    """A quiet closed hi-hat: a short burst of (seeded) noise."""
    rng = random.Random(0)
    length = int(0.03 * rate)
    return [0.04 * rng.uniform(-1, 1) * (1 - i / length) ** 3 for i in range(length)]


def _fade(samples: array, fade_in: int, fade_out: int) -> None:
    for i in range(min(fade_in, len(samples))):
        samples[i] = int(samples[i] * i / fade_in)
    total = len(samples)
    for i in range(max(0, total - fade_out), total):
        samples[i] = int(samples[i] * (total - i) / fade_out)
