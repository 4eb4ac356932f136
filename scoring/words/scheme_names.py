"""A scheme's name in a sentence: "the Armed Forces scheme", but "the Guaranteed Interview
Scheme (GIS)" - a name that already says "scheme" is not given another, and a name that
begins with "the" is not given a second one. Every reason, letter, page and workbook that
says "the ... scheme" uses this."""

from __future__ import annotations

from collections.abc import Sequence


def the_scheme(name: str, *, start: bool = False) -> str:
    """The scheme's name as a noun phrase; `start` capitalises it to open a sentence."""
    name = name.strip()
    said = name if name[:4].lower() == "the " else f"the {name}"
    if "scheme" not in name.lower():
        said += " scheme"
    return said[:1].upper() + said[1:] if start else said


def the_schemes(names: Sequence[str], *, start: bool = False) -> str:
    """ "the Disability Confident scheme and the Care leavers scheme" """
    said = " and ".join(the_scheme(n) for n in names)
    return said[:1].upper() + said[1:] if start else said
