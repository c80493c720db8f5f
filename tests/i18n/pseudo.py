"""A pseudo-locale in which every translatable string shows up wrapped in ⟦…⟧.

Built at test time from the msgids of our Afrikaans catalog and of the English catalogs
of Django and allauth (whose strings we show on sign-in and in forms), so any text a page
shows that did not pass through gettext stands out: it is outside the markers.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
from django.conf import settings

PSEUDO = "xx"
OPEN, CLOSE = "⟦", "⟧"
SOURCES = [
    Path(settings.LOCALE_PATHS[0]) / "af" / "LC_MESSAGES" / "django.po",
    Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po",
    *sorted(Path(django.__file__).parent.glob("contrib/*/locale/en/LC_MESSAGES/django.po")),
]


def wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def pseudo_locale_build(root: Path) -> Path:
    """Write <root>/xx/LC_MESSAGES/django.mo; return root for LOCALE_PATHS."""
    pseudo = polib.POFile()
    pseudo.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen = set()
    for source in SOURCES:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or not entry.msgid or key in seen:
                continue
            seen.add(key)
            copy = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
            if entry.msgid_plural:
                copy.msgid_plural = entry.msgid_plural
                copy.msgstr_plural = {0: wrap(entry.msgid), 1: wrap(entry.msgid_plural)}
            else:
                copy.msgstr = wrap(entry.msgid)
            pseudo.append(copy)
    target = root / PSEUDO / "LC_MESSAGES"
    target.mkdir(parents=True)
    pseudo.save_as_mofile(str(target / "django.mo"))
    return root


# Attributes a reader sees or hears (screen readers), besides the text itself.
SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "aria-roledescription"}
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "head"}


class VisibleText(HTMLParser):
    """The text of a page as one stream (markers may span elements), plus attribute texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stream: list[str] = []
        self.attributes: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value and not self.skipping:
                self.attributes.append(value)
        self.stream.append(" ")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1
        self.stream.append(" ")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.stream.append(data)


MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


def unmarked(text: str) -> str:
    """What is left of a text once every (possibly nested) marked string is taken out."""
    previous = None
    while previous != text:
        previous, text = text, MARKED.sub(" ", text)
    return text


def shown_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return ["".join(parser.stream), "".join(parser.title), *parser.attributes]
