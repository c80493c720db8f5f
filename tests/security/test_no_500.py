"""No public URL answers 500, whatever a stranger sends (issue #13, the "no 500" pass).

Every URL pattern outside /admin/ is enumerated from the resolver, so a new endpoint is
covered the day it lands. Each is called with GET and POST, anonymously and as a signed-in
reader, first once with values that reach real objects (a sweep: every endpoint is hit),
then with Hypothesis drawing path values (real ids and slugs, huge numbers, any text) and
query or form fields (the names our views read, plus random ones). CSRF is not enforced
by the test client, so POSTs reach the views' own checks. Bounded for CI: the drawn pass
makes a fixed number of requests, and under the ``ci`` profile (conftest.py) the examples
are the same on every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db

# Staff-only: covered by the admin's own tests and not reachable by a stranger.
NOT_PUBLIC = ("admin/",)
CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")
# Field names our views read, so drawn requests get past "missing field" quickly.
FIELD_NAMES = [
    "after", "page", "q", "date_from", "date_to", "section", "thread", "next", "place",
    "body", "parent", "reason", "note", "kind", "headline", "text", "username",
    "display_name", "email", "login", "password", "password1", "place_news", "fmt",
]  # fmt: skip
HUGE_NUMBERS = [0, 1, 2**31, 2**63, 10**20]
ODD_VALUES = ["", "0", "-1", "99999999999999999999.1", "0001-01-01", "9999-12-31",
              "//evil.example/", "\x00", "a,b", "%00"]  # fmt: skip


@dataclass(frozen=True)
class Endpoint:
    levels: tuple  # the resolver patterns from the root to the view, in order

    @property
    def label(self) -> str:
        return "".join(str(level) for level in self.levels)


def _walk(patterns, prefix=()):
    for pattern in patterns:
        levels = (*prefix, pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, levels)
        elif isinstance(pattern, URLPattern):
            yield Endpoint(levels)


def public_endpoints() -> list[Endpoint]:
    endpoints = [
        e for e in _walk(get_resolver().url_patterns) if not e.label.startswith(NOT_PUBLIC)
    ]
    assert len(endpoints) > 50, "the resolver walk found too few URL patterns"
    return endpoints


@dataclass
class World:
    article_id: int
    comment_id: int
    page_path: str
    slugs: list[str]

    def ints(self) -> list[int]:
        return [self.article_id, self.comment_id, *HUGE_NUMBERS]


@pytest.fixture
def world(section) -> World:
    article = article_factory(section=section, title="Flood in Hammarsdale", tags=["Floods"])
    comment = comment_factory(article=article, author=reader_factory(username="thandi"))
    return World(
        article_id=article.pk,
        comment_id=comment.pk,
        page_path=article.url_path.split("/", 2)[-1],
        slugs=["world", "floods", "rss", "atom", "json", "news", "weather", "thandi"],
    )


@pytest.fixture
def clients(world):
    anonymous = Client(raise_request_exception=False)
    reader = Client(raise_request_exception=False)
    reader.force_login(reader_factory(username="lindiwe"))
    return {"anonymous": anonymous, "reader": reader}


def _path_for(endpoint: Endpoint, values) -> str:
    """Fill each level's converters (route) or pattern (regex) with ``values(level, kind)``."""
    parts = []
    for level in endpoint.levels:
        if isinstance(level, RoutePattern):
            parts.append(
                CONVERTER.sub(lambda m, lv=level: quote(values(lv, m["kind"]), safe=""), str(level))
            )
        else:
            parts.append(values(level, None))
    return "/" + "".join(parts)


def _sweep_value(world: World):
    def value(level, kind):
        if isinstance(level, RegexPattern):
            if str(level).startswith("^((?:"):  # Wagtail's page tree
                return world.page_path
            return "abc-1:x/" if str(level).endswith("/$") else "abc"
        return str(world.article_id) if kind == "int" else world.slugs[0]

    return value


def _assert_not_500(response, method: str, path: str):
    assert response.status_code < 500, f"{method} {path} -> {response.status_code}"


def test_every_public_endpoint_answers_get_and_post_without_a_500(clients, world):
    for endpoint in public_endpoints():
        path = _path_for(endpoint, _sweep_value(world))
        for client in clients.values():
            _assert_not_500(client.get(path), "GET", path)
            _assert_not_500(client.post(path, {"next": "//evil.example/"}), "POST", path)


def _segment_strategy(level, name: str | None, world: World):
    """Values for one converter of a route (by its name), or for a whole regex level."""
    if isinstance(level, RegexPattern):
        regex = str(level)
        drawn = st.from_regex(regex, fullmatch=True)
        if regex.startswith("^((?:"):  # Wagtail's page tree: a real page, or any path
            drawn = st.one_of(st.just(world.page_path), drawn)
        return drawn.map(lambda p: quote(p, safe="/"))
    converter = level.converters.get(name)
    if isinstance(converter, IntConverter):
        values = st.one_of(st.sampled_from(world.ints()), st.integers(min_value=0)).map(str)
    elif isinstance(converter, SlugConverter):
        values = st.one_of(
            st.sampled_from(world.slugs), st.from_regex(r"[-a-zA-Z0-9_]+", fullmatch=True)
        )
    elif isinstance(converter, PathConverter):
        values = st.one_of(st.sampled_from(world.slugs), st.text(min_size=1))
    else:
        values = st.one_of(
            st.sampled_from([*world.slugs, *map(str, world.ints())]), st.text(min_size=1)
        )
    # Percent-encoded as a client would send it; "%" itself arrives as a literal "%".
    return values.map(lambda v: quote(v.encode("utf-8", "surrogatepass"), safe=""))


@st.composite
def requests(draw, endpoints, world):
    endpoint = draw(st.sampled_from(endpoints))
    parts = []
    for level in endpoint.levels:
        if isinstance(level, RoutePattern):
            parts.append(
                CONVERTER.sub(
                    lambda m, level=level: draw(_segment_strategy(level, m["name"], world)),
                    str(level),
                )
            )
        else:
            parts.append(draw(_segment_strategy(level, None, world)))
    fields = draw(
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=8)),
            st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=40), st.integers().map(str)),
            max_size=4,
        )
    )
    method = draw(st.sampled_from(["GET", "POST"]))
    who = draw(st.sampled_from(["anonymous", "reader"]))
    return method, who, "/" + "".join(parts), fields


def _sendable(text: str) -> str:
    return text.encode("utf-8", "replace").decode()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_drawn_requests_to_public_endpoints_never_answer_500(data, clients, world):
    method, who, path, fields = data.draw(requests(public_endpoints(), world))
    client = clients[who]
    # Text the HTTP layer cannot carry (lone surrogates) is not something a client can send.
    fields = {_sendable(k): _sendable(v) for k, v in fields.items()}
    response = client.get(path, fields) if method == "GET" else client.post(path, fields)
    _assert_not_500(response, method, path)
