"""How a tag's name is written when a source gives it all in lower case.

Scraped "Read more on" lists and some wire feeds lower-case every tag ("chuck hagel",
"us"). People, places and organisations are proper nouns, so such a name is stored with
capitals; a name that already has any capital letter is kept exactly as given.
"""

from __future__ import annotations

# Short names that are written in capitals, not capitalised ("Us", "Anc").
ACRONYMS = frozenset(
    [
        "us",
        "usa",
        "uk",
        "un",
        "eu",
        "au",
        "sa",
        "sadc",
        "anc",
        "da",
        "eff",
        "ifp",
        "mk",
        "nato",
        "fifa",
        "psl",
        "sabc",
        "imf",
        "who",
        "wto",
        "g7",
        "g20",
        "brics",
        "opec",
        "nasa",
        "fbi",
        "cia",
        "ai",
    ]
)
# Joining words stay lower case inside a name ("Bank of Japan", "Cape of Good Hope").
PARTICLES = frozenset(
    ["of", "and", "the", "de", "van", "der", "von", "la", "le", "for", "in", "on", "at", "to"]
)


def tag_name_cased(name: str) -> str:
    if name != name.lower():
        return name
    words = name.split(" ")
    cased = []
    for index, word in enumerate(words):
        if word in ACRONYMS:
            cased.append(word.upper())
        elif index and word in PARTICLES:
            cased.append(word)
        else:
            cased.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(cased)
