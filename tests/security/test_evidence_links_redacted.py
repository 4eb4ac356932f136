"""Issue 14, hostile input: every form of link an applicant can write in their evidence is
taken out before the panel reads it, in whatever disguise (markdown, HTML entities, no
scheme), and ordinary prose with dots and slashes is left alone."""

from __future__ import annotations

import pytest

from scoring.applicant.redaction import Identifiers, redact, redact_all
from scoring.applicant.redaction_kinds import PLACEHOLDERS

JANE = Identifiers(first_name="Jane", last_name="Doe", email="jane.doe@example.org")
LINK = PLACEHOLDERS["url"]

# (what the applicant wrote, pieces of it none of which may reach the panel)
HOSTILE = {
    "protocol-relative": ("//evil.example/x.png", ["evil.example", "x.png"]),
    "protocol-relative with backslashes": ("\\\\evil.example\\x.png", ["evil.example"]),
    "scheme with backslashes": ("https:\\\\evil.example\\x", ["evil.example"]),
    "angle-bracket autolink": ("<https://x.example>", ["x.example", "<", ">"]),
    "markdown link": ("[my work](https://jane.example/portfolio)", ["jane.example", "]("]),
    "markdown image": ("![img](https://tracker.example/p.png)", ["tracker.example", "!["]),
    "image, protocol-relative": ("![x](//tracker.example/p.gif)", ["tracker.example"]),
    "reference definition": (
        'See [my portfolio][1].\n\n[1]: http://jane.example/work "Work"\n',
        ["jane.example", "[1]:", '"Work"'],
    ),
    "data: SVG image": (
        "![](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=)",
        ["data:", "base64", "PHN2Z"],
    ),
    "bare data: URI": ("data:image/svg+xml;base64,PHN2ZyB4bWxucz0i", ["data:", "PHN2Z"]),
    "data: text URI": ("data:text/plain,Jane%20Doe%20wrote%20this", ["data:", "wrote"]),
    "javascript: URI": ("[click](javascript:alert(document.cookie))", ["javascript", "cookie"]),
    "bare javascript: URI": ("javascript:alert(document.cookie)", ["javascript", "cookie"]),
    "vbscript: URI": ("vbscript:msgbox(1)", ["vbscript", "msgbox"]),
    "colon as an entity": ("https&#58;//x.example/me", ["x.example", "&#58;"]),
    "scheme as entities": (
        "&#104;&#116;&#116;&#112;&#115;&#58;&#47;&#47;x.example/me",
        ["x.example", "&#104;"],
    ),
    "hex entities": ("&#x68;ttps&#x3a;//x.example", ["x.example", "&#x"]),
    "named entities round an autolink": ("&lt;https://x.example&gt;", ["x.example", "&lt;"]),
    "entity inside a markdown image": ("![x](https&colon;//t.example/p.png)", ["t.example"]),
    "bare linkedin profile": ("linkedin.com/in/jane-doe", ["linkedin", "jane-doe"]),
    "bare github profile": ("github.com/jdoe", ["github", "jdoe"]),
    "bare co.uk address": ("example.co.uk/profile", ["example.co.uk", "profile"]),
    "www address": ("www.jane-doe.example/cv", ["jane-doe", "/cv"]),
    "mailto": ("mailto:jdoe@example.net", ["mailto", "jdoe", "example.net"]),
    "tel": ("tel:+447700900123", ["tel:", "7700"]),
    "ftp": ("ftp://files.example/cv.pdf", ["files.example", "cv.pdf"]),
    "other scheme": ("gopher://old.example/1", ["old.example", "gopher"]),
    "IP address": ("http://192.168.0.1/", ["192.168", "http"]),
    "IP address, no scheme": ("192.168.0.1/admin", ["192.168", "admin"]),
    "IP address, protocol-relative": ("//10.0.0.7:8080/t.png", ["10.0.0.7", "t.png"]),
    "HTML image": ('<img src="https://tracker.example/p.png">', ["tracker.example"]),
    "HTML image, protocol-relative": ("<img src=//tracker.example/p.png>", ["tracker.example"]),
}


@pytest.mark.parametrize("form", list(HOSTILE))
def test_every_form_of_link_is_taken_out(form: str) -> None:
    written, pieces = HOSTILE[form]
    for text in (written, f"I led the rent team. {written} Ask me more."):
        done = redact(text, JANE)
        assert LINK in done.text, done.text
        for piece in pieces:
            assert piece not in done.text, (piece, done.text)
        assert {r.kind for r in done.redactions} <= {"url", "phone", "email", "name"}
        for r in done.redactions:
            assert text[r.start : r.end] == r.text  # HR reviews what was removed, as written
        assert redact(done.text, JANE).text == done.text  # redacting twice changes nothing
    assert "Ask me more." in redact(f"{written} Ask me more.", JANE).text


def test_links_in_answers_go_too() -> None:
    done = redact_all({"c1": "See github.com/jdoe.", "c2": "![x](//t.example/p.png)"}, JANE)
    assert done["c1"].text == f"See {LINK}."
    assert done["c2"].text == LINK


@pytest.mark.parametrize(
    "prose",
    [
        "I worked as a housing officer, e.g. in Darlington, i.e. the north east.",
        "Arrears fell by 3.5 per cent, to £12,345.67, in 2019/20.",
        "Mr. Smith and Mrs. Jones at the county court, 10 a.m./2 p.m. hearings.",
        "I can work evenings and/or weekends, 24/7 if needed.",
        "BSc/MSc, B.Sc/BA, Ph.D/MSc; NVQ 3.",
        "Tools: Excel, Node.js/React, ASP.NET/C#, Word.doc/pdf.",
        "Tel: I am free most days. Note: data: 5 cases. JavaScript: 3 years.",
        "R&D, Q&A; rent & service charges.",
        "[E] (essential) and [D] (desirable); see section [2] below.",
        "Step 1 -> step 2 // done. Ratio 1:2 and 10:30 start.",
        "My notes (kept daily) were audited.",
    ],
)
def test_prose_with_dots_slashes_and_colons_stays(prose: str) -> None:
    assert redact(prose, JANE).text == prose
