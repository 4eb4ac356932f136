"""What assessing one condition finds, in three values: it holds, it does not, or a fact it
reads is missing. Every finding carries its words: what was found (when it holds), why not
(when it does not), or the missing fact (when unknown)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    holds: bool | None
    text: str  # found (holds), why not (does not hold) or the missing fact (unknown)


def found(text: str) -> Finding:
    return Finding(True, text)


def not_met(text: str) -> Finding:
    return Finding(False, text)


def missing(fact: str) -> Finding:
    return Finding(None, fact)


NO_REFERENCE = "the date the application was received (or the vacancy's closing date)"
