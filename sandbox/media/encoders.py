"""Encoders for the formats the sandbox sells: MP3 (lameenc), AAC in M4A (PyAV's
FFmpeg) and FLAC (libsndfile), each from mono 16-bit samples, each deterministic:
the same samples give the same bytes, so a file's fingerprint can be its ETag and a
resumed download fits the bytes fetched before.
"""

import io
from array import array

import av
import lameenc
import numpy
import soundfile

MP3_QUALITY = 7  # lame's fast end: the source is simple synthesis
AAC_CODER = "fast"  # FFmpeg's default "twoloop" search costs several times more
AAC_FRAME_SAMPLES = 44_100  # samples handed to the AAC encoder at a time


def encode_mp3(samples: array, sample_rate: int, bitrate: int) -> bytes:
    """CBR MP3 at `bitrate` kbps."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())


def encode_m4a(samples: array, sample_rate: int, bitrate: int) -> bytes:
    """AAC-LC at `bitrate` kbps in an M4A (iTunes-style MP4) container. "bitexact"
    keeps the muxer from writing its version and the time into the file."""
    pcm = numpy.frombuffer(samples, dtype=numpy.int16)
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ipod", options={"fflags": "+bitexact"}) as container:
        stream = container.add_stream("aac", rate=sample_rate, layout="mono")
        stream.bit_rate = bitrate * 1000
        stream.codec_context.options = {"aac_coder": AAC_CODER, "flags": "+bitexact"}
        for start in range(0, len(pcm), AAC_FRAME_SAMPLES):
            chunk = pcm[start : start + AAC_FRAME_SAMPLES].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="s16", layout="mono")
            frame.sample_rate = sample_rate
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def encode_flac(samples: array, sample_rate: int) -> bytes:
    """Lossless 16-bit FLAC (libsndfile writes the STREAMINFO's MD5 of the audio)."""
    buffer = io.BytesIO()
    pcm = numpy.frombuffer(samples, dtype=numpy.int16)
    soundfile.write(buffer, pcm, sample_rate, format="FLAC", subtype="PCM_16")
    return buffer.getvalue()
