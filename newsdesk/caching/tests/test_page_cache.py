import gzip

import brotli
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsdesk.articles.tests.factories import article_factory
from newsdesk.caching import pagecache
from newsdesk.caching.middleware import PAGE_CACHE_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSDESK_PAGE_CACHE = True


def test_second_anonymous_request_is_answered_without_queries(client, section):
    article = article_factory(section=section, title="Harbour reopens")
    first = client.get(article.url)
    assert first[PAGE_CACHE_HEADER] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(article.url)
    assert second[PAGE_CACHE_HEADER] == "hit"
    assert len(ctx.captured_queries) == 0
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "Harbour reopens" in second.content.decode()


def test_cached_page_sends_age_etag_and_answers_conditional_requests(client, section):
    article = article_factory(section=section)
    etag = client.get(article.url)["ETag"]
    cached = client.get(article.url)
    assert cached["ETag"] == etag and "Age" in cached
    not_modified = client.get(article.url, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified[PAGE_CACHE_HEADER] == "hit"


def test_cache_is_keyed_by_host_and_query_string(client, section):
    client.get(section.url)
    assert client.get(section.url, {"page": "2"})[PAGE_CACHE_HEADER] == "miss"
    assert client.get(section.url, headers={"host": "localhost"})[PAGE_CACHE_HEADER] == "miss"
    assert client.get(section.url, {"page": "2"})[PAGE_CACHE_HEADER] == "hit"


def test_signed_in_reader_is_served_the_cached_page_with_no_trace_of_them(
    client, section, django_user_model
):
    article = article_factory(section=section, title="Harbour reopens")
    anonymous = client.get(article.url)
    user = django_user_model.objects.create_user(
        username="quietreader", email="quiet.reader@example.org", password="x" * 12
    )
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        signed_in = client.get(article.url)
    assert signed_in[PAGE_CACHE_HEADER] == "hit" and "Age" in signed_in
    assert len(ctx.captured_queries) == 0  # not even the session was read
    assert signed_in.content == anonymous.content
    for trace in (b"quietreader", b"Quietreader", b"quiet.reader@example.org"):
        assert trace not in signed_in.content


def test_a_signed_in_readers_render_is_stored_only_when_public(client, section, django_user_model):
    article = article_factory(section=section)
    user = django_user_model.objects.create_user(username="firstreader", password="x" * 12)
    client.force_login(user)
    first = client.get(article.url)
    assert first[PAGE_CACHE_HEADER] == "miss"
    assert b"firstreader" not in first.content
    client.logout()
    assert client.get(article.url)[PAGE_CACHE_HEADER] == "hit"
    # A page that reads the session (Vary: Cookie) is never stored, signed in or not.
    client.force_login(user)
    assert PAGE_CACHE_HEADER not in client.get("/location/")


def test_editors_with_the_marker_bypass_the_cache_and_are_never_stored(
    client, section, django_user_model
):
    article = article_factory(section=section)
    client.get(article.url)
    editor = django_user_model.objects.create_user(
        username="deskeditor", password="x" * 12, is_staff=True
    )
    client.force_login(editor)
    client.cookies[settings.NEWSDESK_EDITOR_COOKIE] = "1"
    fresh = client.get(article.url)
    assert PAGE_CACHE_HEADER not in fresh and "Age" not in fresh
    client.cookies.clear()
    pagecache.invalidate_all()
    client.cookies[settings.NEWSDESK_EDITOR_COOKIE] = "1"
    client.get(article.url)
    del client.cookies[settings.NEWSDESK_EDITOR_COOKIE]
    assert client.get(article.url)[PAGE_CACHE_HEADER] == "miss"  # nothing was stored


def test_signing_in_to_the_admin_sets_the_editor_marker_and_signing_out_clears_it(
    client, django_user_model
):
    from django.contrib.auth.models import Group

    from newsdesk.editorial import roles

    moderator = django_user_model.objects.create_user(username="mod", password="x" * 12)
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    response = client.post("/admin/login/", {"username": "mod", "password": "x" * 12})
    assert response.status_code == 302
    marker = response.cookies[settings.NEWSDESK_EDITOR_COOKIE]
    assert marker.value == "1" and marker["httponly"]
    response = client.post("/admin/logout/")
    assert response.cookies[settings.NEWSDESK_EDITOR_COOKIE].value == ""


def test_a_reader_signing_in_gets_no_editor_marker(client, django_user_model):
    django_user_model.objects.create_user(username="plain", password="x" * 12)
    response = client.post("/admin/login/", {"username": "plain", "password": "x" * 12})
    assert settings.NEWSDESK_EDITOR_COOKIE not in response.cookies


def test_an_editor_signed_in_before_the_marker_gets_it_on_the_next_admin_visit(
    client, django_user_model
):
    editor = django_user_model.objects.create_user(
        username="veteran", password="x" * 12, is_staff=True
    )
    client.force_login(editor)
    client.cookies.pop(settings.NEWSDESK_EDITOR_COOKIE, None)
    response = client.get("/admin/")
    assert response.cookies[settings.NEWSDESK_EDITOR_COOKIE].value == "1"


def test_responses_with_cookies_or_vary_cookie_are_never_stored(rf):
    from django.http import HttpResponse

    request = rf.get("/x/")
    with_cookie = HttpResponse("x", headers={"Cache-Control": "public, s-maxage=60"})
    with_cookie.set_cookie("seen", "1")
    vary_cookie = HttpResponse(
        "x", headers={"Cache-Control": "public, s-maxage=60", "Vary": "Cookie"}
    )
    private = HttpResponse("x", headers={"Cache-Control": "private, max-age=60"})
    public = HttpResponse("x", headers={"Cache-Control": "public, max-age=5, s-maxage=60"})
    assert pagecache.storable_ttl(request, with_cookie) == 0
    assert pagecache.storable_ttl(request, vary_cookie) == 0
    assert pagecache.storable_ttl(request, private) == 0
    assert pagecache.storable_ttl(request, public) == 60
    assert pagecache.storable_ttl(rf.post("/x/"), public) == 0


def test_admin_is_never_cached(client):
    assert PAGE_CACHE_HEADER not in client.get("/admin/login/")


def test_publishing_a_story_refreshes_the_cached_homepage_and_section(client, section):
    article_factory(section=section, title="Old news")
    client.get("/")
    client.get(section.url, {"page": "1"})
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"
    article_factory(section=section, title="Fresh story")
    home = client.get("/")
    assert home[PAGE_CACHE_HEADER] == "miss" and "Fresh story" in home.content.decode()
    listing = client.get(section.url, {"page": "1"})
    assert "Fresh story" in listing.content.decode()


def test_unpublishing_a_story_removes_it_from_the_cached_tag_page(client, section):
    article = article_factory(section=section, title="Withdrawn story", tags=["ports"])
    assert "Withdrawn story" in client.get("/tags/ports/").content.decode()
    type(article).objects.get(pk=article.pk).unpublish()
    assert "Withdrawn story" not in client.get("/tags/ports/").content.decode()
    assert client.get(article.url).status_code == 404


def test_restricting_a_story_removes_it_from_every_cached_page_of_its_site(client, section):
    article = article_factory(section=section, title="Sealed court story", tags=["courts"])
    pages = ["/", section.url, "/tags/courts/", article.url]
    for path in pages:
        client.get(path)
    assert "Sealed court story" in client.get("/tags/courts/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="sealed"
    )
    for path in pages[:3]:
        assert "Sealed court story" not in client.get(path).content.decode(), path
    assert "Sealed court story" not in client.get(article.url).content.decode()
    restriction.delete()  # opened again: listed again at once
    assert "Sealed court story" in client.get("/tags/courts/").content.decode()


def test_a_page_rendered_during_a_purge_is_not_served_afterwards(rf, section):
    request = rf.get(section.url)
    found = pagecache.lookup(request)  # tokens read before rendering
    pagecache.invalidate_paths([section.url])  # a publish lands mid-render
    from django.http import HttpResponse

    pagecache.store(found, HttpResponse("old"), ttl=60)
    assert pagecache.lookup(rf.get(section.url)).entry is None


def test_moving_a_story_refreshes_its_old_and_new_section(client, home_page, section):
    from newsdesk.sections.tests.factories import SectionPageFactory

    sport = SectionPageFactory(parent=home_page, title="Sport", slug="sport")
    article = article_factory(section=section, title="Cup final moved")
    assert "Cup final moved" in client.get("/world/").content.decode()
    assert "Cup final moved" not in client.get("/sport/").content.decode()
    type(article).objects.get(pk=article.pk).move(sport, pos="last-child")
    assert "Cup final moved" not in client.get("/world/").content.decode()
    assert "Cup final moved" in client.get("/sport/").content.decode()
    assert client.get("/sport/cup-final-moved/").status_code == 200


def test_purge_article_lists_every_page_that_shows_the_story(section):
    from newsdesk.caching.services import article_paths

    article = article_factory(section=section, title="Harbour", tags=["ports"])
    _site, paths = article_paths(article=article)
    for path in ("/world/harbour/", "/", "/world/", "/tags/ports/", "/feeds/rss/"):
        assert path in paths
    assert "/feeds/section/world/rss/" in paths and "/feeds/tag/ports/atom/" in paths


def test_republishing_without_a_tag_refreshes_the_old_tag_page(client, section):
    from newsdesk.tags.services import tag_get_or_create

    article = article_factory(section=section, title="Retagged story", tags=["ports"])
    assert "Retagged story" in client.get("/tags/ports/").content.decode()
    article = type(article).objects.get(pk=article.pk)
    article.tags.set([tag_get_or_create(name="harbours")])
    article.save_revision().publish()
    assert "Retagged story" not in client.get("/tags/ports/").content.decode()
    assert "Retagged story" in client.get("/tags/harbours/").content.decode()


def test_compressed_bodies_are_stored_once_and_served_to_clients_that_accept_them(client, section):
    article = article_factory(section=section, title="Compressed story")
    plain = client.get(article.url)
    zipped = client.get(article.url, headers={"accept-encoding": "gzip, deflate"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    brotlied = client.get(article.url, headers={"accept-encoding": "gzip, br"})
    assert brotlied["Content-Encoding"] == "br"
    assert brotli.decompress(brotlied.content) == plain.content
    refused = client.get(article.url, headers={"accept-encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused and refused.content == plain.content
    assert "Accept-Encoding" in zipped["Vary"]
    etags = {plain["ETag"], zipped["ETag"], brotlied["ETag"]}
    assert len(etags) == 3  # one strong ETag per representation
    not_modified = client.get(
        article.url, headers={"accept-encoding": "gzip", "if-none-match": zipped["ETag"]}
    )
    assert not_modified.status_code == 304 and not_modified.content == b""
    other = client.get(article.url, headers={"if-none-match": zipped["ETag"]})
    assert other.status_code == 200  # the gzip ETag does not validate the plain body


def _wsgi_get(path, *, query="", headers=None, method="GET"):
    from wsgiref.util import setup_testing_defaults

    from newsdesk.wsgi import application

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    environ.setdefault("HTTP_HOST", "testserver")
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return answer["status"], answer["headers"], body


@pytest.mark.django_db(transaction=True)
def test_hits_are_answered_at_the_wsgi_level_before_django(section, monkeypatch):
    article = article_factory(section=section, title="Straight from the cache")
    status, headers, body = _wsgi_get(article.url)
    assert status == 200 and headers[PAGE_CACHE_HEADER] == "miss"

    def django_must_not_run(*args, **kwargs):
        raise AssertionError("Django handled a cache hit")

    from newsdesk import wsgi

    monkeypatch.setattr(wsgi.application, "application", django_must_not_run)
    status, headers, hit = _wsgi_get(
        article.url, headers={"accept-encoding": "gzip", "cookie": "sessionid=abc"}
    )
    assert status == 200 and headers[PAGE_CACHE_HEADER] == "hit"
    assert gzip.decompress(hit) == body
    status, headers, empty = _wsgi_get(
        article.url, headers={"accept-encoding": "gzip", "if-none-match": headers["ETag"]}
    )
    assert status == 304 and empty == b""
    status, _headers, head = _wsgi_get(article.url, method="HEAD")
    assert status == 200 and head == b""
    # An editor's request, another host and another query string all reach Django.
    for kwargs in (
        {"headers": {"cookie": f"sessionid=abc; {settings.NEWSDESK_EDITOR_COOKIE}=1"}},
        {"headers": {"host": "localhost"}},
        {"query": "utm=1"},
    ):
        with pytest.raises(AssertionError, match="Django handled"):
            _wsgi_get(article.url, **kwargs)


def test_cache_tags_are_header_safe_whatever_the_slug(client, section):
    for path in ("/tags/%00/", "/tags/a,b/", "/tags/x%0d%0aSet-Cookie:%20a=b/", "/tags/caf%C3%A9/"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        tags = response.get("Cache-Tag", "")
        assert all(tag and set(tag) <= set(TAG_SAFE) for tag in tags.split(",") if tags), tags
        assert "tag-a,b" not in tags


TAG_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-"


def test_bad_input_never_gets_a_500_nor_someone_elses_page(client, section):
    article = article_factory(section=section)
    page = client.get(article.url).content
    huge_cookie = "; ".join(f"c{n}={'x' * 90}" for n in range(90))  # ~8 KB
    assert len(huge_cookie) > 8000
    response = client.get(article.url, headers={"cookie": huge_cookie})
    assert response.status_code == 200 and response.content == page
    for query in ("a=%00", "%ff%fe=1", "q=" + "z" * 4000, "&&==&", "page=-1", "page=%00"):
        response = client.get(f"{article.url}?{query}")
        assert response.status_code in (200, 301, 400, 404), query
        if response.status_code == 200:  # a story ignores its query string
            assert response.content == page, query
    response = client.get(article.url, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert PAGE_CACHE_HEADER not in response
    assert client.get(article.url, headers={"host": "evil.example"}).status_code == 400


def test_a_reader_sees_their_own_write_fresh_while_others_keep_the_cached_page(
    client, section, django_user_model
):
    article = article_factory(section=section)
    client.get(article.url)
    reader = django_user_model.objects.create_user(username="writer", password="x" * 12)
    client.force_login(reader)
    assert client.get(article.url)[PAGE_CACHE_HEADER] == "hit"
    wrote = client.post("/location/", {})  # any successful write of theirs
    assert wrote.status_code < 400
    fresh = wrote.cookies[settings.NEWSDESK_FRESH_COOKIE]
    assert fresh["max-age"] == settings.NEWSDESK_CACHE_S_MAXAGE and fresh["httponly"]
    assert PAGE_CACHE_HEADER not in client.get(article.url)  # rendered for them now
    other = type(client)()
    assert other.get(article.url)[PAGE_CACHE_HEADER] == "hit"


def test_a_failed_or_anonymous_write_sets_no_fresh_cookie(client, section):
    response = client.post("/location/", {})
    assert settings.NEWSDESK_FRESH_COOKIE not in response.cookies


def test_purge_article_includes_its_authors_pages_and_feeds(section):
    from newsdesk.authors.tests.factories import author_factory
    from newsdesk.caching.services import article_paths

    jane = author_factory(name="Jane Doe")
    article = article_factory(section=section, authors=[jane])
    _site, paths = article_paths(article=article)
    assert "/authors/jane-doe/" in paths
    assert "/feeds/author/jane-doe/atom/" in paths
