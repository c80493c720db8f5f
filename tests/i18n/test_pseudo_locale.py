"""Every public page type shows no interface text that skipped translation.

Pages are rendered from the demo content under a pseudo-locale (see pseudo.py) in which
every translatable string is wrapped in ⟦…⟧. What remains outside the markers must be
stored content (headlines, names, tags, captions, comments: whatever the database
holds), numbers and punctuation, or one of the few words in ALLOWED below.
"""

import html
import re

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField

from newsdesk.demo.services import demo_load

from .pseudo import PSEUDO, pseudo_locale_build, shown_texts, unmarked

pytestmark = pytest.mark.django_db

# Words that are not interface text although they are written in templates, each for a
# reason: names of formats and products, which no language translates.
ALLOWED = {
    "newsdesk",  # the product's name, in "powered by newsdesk" (itself translatable)
    "RSS",  # feed formats, named as such in every language
    "Atom",
    "API",
    "SAST",  # the site's time-zone abbreviation, from the zone database
    "km",  # units after numbers (wind km/h, °C)
    "h",
    "C",
    "WhatsApp",  # share targets, named by their brands in every language
    "Facebook",
    "X",
    "LinkedIn",
}
# Excerpts cut from stored text (search snippets end mid-word with "…", avatars show a
# name's first letter): content, but not equal to any stored value, so they are taken out
# before the check.
EXCERPTS = re.compile(
    r'<p class="search-result__snippet">.*?</p>|<span class="comment__avatar [^"]*"[^>]*>.</span>',
    re.S,
)
CONTENT_APPS = {"wagtailcore", "wagtailimages", "taggit", "accounts", "account"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo once for the module, rolled back at the end (as in demo/tests)."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def isolated_media(demo):
    """The demo's pictures stay where the module's demo put them (overrides conftest's)."""


@pytest.fixture
def pseudo(settings, tmp_path, sites_speak):
    settings.LOCALE_PATHS = [pseudo_locale_build(tmp_path), *settings.LOCALE_PATHS]
    sites_speak(PSEUDO)
    with translation.override(PSEUDO):
        yield


def stored_texts() -> list[str]:
    """Every text the database holds, as it may appear on a page (whole, line by line)."""
    texts: set[str] = set()
    for model in apps.get_models():
        label = model._meta.app_label
        if not (model.__module__.startswith("newsdesk.") or label in CONTENT_APPS):
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | RichTextField | StreamField)
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*(f.attname for f in fields)):
            for value in row:
                for text in _leaves(value):
                    text = html.unescape(strip_tags(text))
                    texts.add(text)
                    texts.update(text.splitlines())
    texts = {" ".join(t.split()) for t in texts if t.strip()}
    return sorted(
        texts | {t.title() for t in texts} | {t.lower() for t in texts}, key=len, reverse=True
    )


def _leaves(value):
    if hasattr(value, "raw_data"):  # a StreamField's value
        yield from _leaves(list(value.raw_data))
    elif isinstance(value, str):
        # StreamField comes as JSON text: its strings are the leaves worth having.
        if value.startswith(("[", "{")):
            import json

            try:
                yield from _leaves(json.loads(value))
                return
            except ValueError:
                pass
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)


def leftovers(page: str, content: list[str]) -> list[str]:
    found = []
    for text in shown_texts(EXCERPTS.sub("", page)):
        rest = " ".join(unmarked(text).split())
        for stored in content:
            if stored in rest:  # whole words only: "AP" must not eat the "AP" of "API"
                rest = re.sub(rf"(?<!\w){re.escape(stored)}(?!\w)", " ", rest)
        for word in re.findall(r"[^\W\d_]+", rest):
            if word not in ALLOWED:
                found.append(word)
    return found


def public_paths() -> dict[str, str]:
    from newsdesk.articles.models import ArticlePage
    from newsdesk.authors.models import Author
    from newsdesk.discussions.models import Comment

    commented = ArticlePage.objects.get(pk=Comment.objects.values("article_id")[:1])
    return {
        "home": "/",
        "section": "/world/",
        "article": commented.url,
        "gallery index": "/galleries/",
        "gallery": "/galleries/the-week-in-pictures/",
        "tag": "/tags/japan/",
        "search with results": "/search/?q=japan",
        "search without results": "/search/?q=qqxqqzz",
        "author": Author.objects.order_by("pk").first().get_absolute_url(),
        "profile": "/people/thandi/",
        "comments thread fragment": reverse("discussions:fragment", args=[commented.pk]),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
        "404": "/no-such-page/",
        "comments policy": reverse("discussions:policy"),
    }


def test_no_public_page_shows_text_that_skipped_translation(client, pseudo):
    content = stored_texts()
    problems = {}
    for name, path in public_paths().items():
        response = client.get(path, follow=True)
        assert response.status_code == (404 if name == "404" else 200), name
        words = leftovers(response.content.decode(), content)
        if words:
            problems[name] = sorted(set(words))
    assert problems == {}, problems


def test_signed_in_contribute_page_shows_only_translated_text(client, pseudo):
    assert client.login(username="thandi@example.com", password="newsdesk-demo")
    content = stored_texts()
    for path in (
        "/contribute/",
        "/contribute/story/",
        "/contribute/pictures/",
        "/contribute/mine/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert leftovers(response.content.decode(), content) == [], path


def test_the_check_sees_a_string_that_skipped_translation():
    html = "<p>⟦Top stories⟧ Latest news ⟦1 comment⟧</p><img alt='A photo'>"
    assert leftovers(html, []) == ["Latest", "news", "A", "photo"]
