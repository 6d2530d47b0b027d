"""The password hasher of the store and the sandbox: Argon2id at OWASP's recommended
parameters (Password Storage Cheat Sheet: 19 MiB of memory, 2 passes, 1 lane).

Django's own Argon2 defaults (100 MiB, 8 lanes) cost about 280 ms of CPU a hash on
this project's 2-core machines, and a sign-up hashes three times (the store, the
sandbox's user, its OAuth authorisation); these cost about 40 ms. The algorithm name
stays "argon2", so hashes made with other parameters still verify and are rehashed
with these at the next sign-in (Django's `must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
