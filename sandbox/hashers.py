"""The sandbox's password hasher: Argon2id at OWASP's parameters (19 MiB, 2 passes,
1 lane), the same as the store's (storefront/hashers.py; the sandbox imports nothing
of the store). Django's Argon2 defaults cost about 280 ms of CPU a hash here, these
about 40 ms; hashes made with other parameters are rehashed at the next check."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
