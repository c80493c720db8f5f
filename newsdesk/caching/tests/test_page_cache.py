import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    assert client.get(article.url, headers={"if-none-match": etag}).status_code == 304


def test_cache_is_keyed_by_host_and_query_string(client, section):
    client.get(section.url)
    assert client.get(section.url, {"page": "2"})[PAGE_CACHE_HEADER] == "miss"
    assert client.get(section.url, headers={"host": "localhost"})[PAGE_CACHE_HEADER] == "miss"
    assert client.get(section.url, {"page": "2"})[PAGE_CACHE_HEADER] == "hit"


def test_requests_with_a_session_cookie_are_never_served_from_the_cache(client, section):
    article = article_factory(section=section)
    client.get(article.url)
    client.cookies["sessionid"] = "anything"
    response = client.get(article.url)
    assert PAGE_CACHE_HEADER not in response


def test_signed_in_pages_are_never_stored(client, section, django_user_model):
    article = article_factory(section=section)
    user = django_user_model.objects.create_user(username="reader", password="x" * 12)
    client.force_login(user)
    client.get(article.url)
    client.cookies.clear()
    assert client.get(article.url)[PAGE_CACHE_HEADER] == "miss"


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


def test_a_page_rendered_during_a_purge_is_not_served_afterwards(rf, section):
    request = rf.get(section.url)
    found = pagecache.lookup(request)  # tokens read before rendering
    pagecache.invalidate_paths([section.url])  # a publish lands mid-render
    from django.http import HttpResponse

    pagecache.store(found, HttpResponse("old"), ttl=60)
    assert pagecache.lookup(rf.get(section.url)).response is None


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


def test_purge_article_includes_its_authors_pages_and_feeds(section):
    from newsdesk.authors.tests.factories import author_factory
    from newsdesk.caching.services import article_paths

    jane = author_factory(name="Jane Doe")
    article = article_factory(section=section, authors=[jane])
    _site, paths = article_paths(article=article)
    assert "/authors/jane-doe/" in paths
    assert "/feeds/author/jane-doe/atom/" in paths
