"""The baseline of bench/signup/run.py: the store's or the sandbox's settings (named by
BENCH_BASE_SETTINGS) with Django's default hasher first, PBKDF2-SHA256 at 1,000,000
iterations, as before Argon2. Never used outside the benchmark."""

import importlib
import os

_base = importlib.import_module(os.environ["BENCH_BASE_SETTINGS"])
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
