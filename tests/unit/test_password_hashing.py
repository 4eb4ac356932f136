"""The tests hash passwords at argon2's cheapest cost (tests/conftest.py); the app must not:
a hash made by the app as it runs carries RFC 9106's low-memory parameters (64 MiB, three
passes, four lanes), argon2-cffi's default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argon2 import profiles

import use_cases.passwords

PROJECT = Path(__file__).resolve().parents[2]


def test_the_app_hashes_passwords_at_rfc_9106_cost() -> None:
    made = subprocess.run(
        [sys.executable, "-c", "from use_cases.passwords import HASHER; print(HASHER.hash('x'))"],
        capture_output=True, text=True, cwd=PROJECT, check=True,
    )  # fmt: skip
    wanted = profiles.RFC_9106_LOW_MEMORY
    assert made.stdout.startswith(
        f"$argon2id$v=19$m={wanted.memory_cost},t={wanted.time_cost},p={wanted.parallelism}$"
    )


def test_the_tests_hash_cheaply_and_still_check_a_production_hash() -> None:
    production = use_cases.passwords.PasswordHasher().hash("correct horse battery staple")
    assert use_cases.passwords.HASHER.time_cost == profiles.CHEAPEST.time_cost
    assert use_cases.passwords.verify_password(production, "correct horse battery staple")
    assert not use_cases.passwords.verify_password(production, "wrong horse battery staple")
