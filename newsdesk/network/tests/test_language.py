"""Each site speaks its own language, the same bytes for every reader (issue #19)."""

from datetime import UTC, datetime

import pytest
from django.db.models.signals import post_init
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from newsdesk.articles.services import article_create
from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.core.jsi18n import catalog_url
from newsdesk.network.middleware import JS_CATALOG_PREFIX
from newsdesk.network.models import SiteSettings
from newsdesk.network.selectors import site_language_for_request
from newsdesk.sections.tests.factories import HomePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

NUUS = "nuus.localhost"
# 08:07 UTC is 10:07 in Johannesburg, the sites' time zone.
OCTOBER_3 = datetime(2013, 10, 3, 8, 7, tzinfo=UTC)


def _story(section, title: str, **fields):
    return article_create(
        section=section,
        title=title,
        body=[{"type": "paragraph", "value": "<p>Body.</p>"}],
        published_at=OCTOBER_3,
        **fields,
    )


@pytest.fixture
def nuus_section(home_page):
    """An Afrikaans site next to the default English one: its own tree in locale "af"."""
    afrikaans, _ = Locale.objects.get_or_create(language_code="af")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="nuus-home", locale=afrikaans)
    site = Site.objects.create(hostname=NUUS, port=80, root_page=home, site_name="Nuus")
    settings = SiteSettings.for_site(site)
    settings.brand_name, settings.language = "Nuus", "af"
    settings.save()
    return SectionPageFactory(parent=home, title="Nuus", slug="nuus")


def test_afrikaans_site_renders_html_lang_and_dates_in_afrikaans(client, nuus_section):
    story = _story(nuus_section, "Reën in die Karoo")
    response = client.get(story.relative_url(story.get_site()), HTTP_HOST=NUUS)
    html = response.content.decode()
    assert '<html lang="af">' in html
    assert "3 Okt 2013, 10:07" in html
    assert response["Content-Language"] == "af"


def test_english_site_keeps_english(client, section, nuus_section):
    story = _story(section, "Rain in the Karoo")
    response = client.get(story.relative_url(story.get_site()))
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "3 Oct 2013, 10:07" in html
    assert response["Content-Language"] == "en"


def test_readers_asking_for_other_languages_get_the_same_bytes(client, nuus_section):
    story = _story(nuus_section, "Reën in die Karoo")
    path = story.relative_url(story.get_site())
    pages = [
        client.get(path, HTTP_HOST=NUUS, HTTP_ACCEPT_LANGUAGE=accept)
        for accept in ("en-GB,en;q=0.9", "af", "de")
    ]
    assert len({page.content for page in pages}) == 1
    for page in pages:
        assert "Accept-Language" not in page.get("Vary", "")
        assert page["Content-Language"] == "af"


def test_changing_the_site_language_applies_on_the_next_request(client, section):
    home = client.get("/").content.decode()
    assert '<html lang="en">' in home
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.language = "af"
    settings.save()
    assert client.get("/")["Content-Language"] == "af"


def test_feed_sitemap_json_ld_and_open_graph_speak_the_site_language(client, nuus_section):
    story = article_create(
        section=nuus_section,
        title="Reën in die Karoo",
        body=[{"type": "paragraph", "value": "<p>Body.</p>"}],
    )
    assert "<language>af</language>" in client.get("/feeds/rss/", HTTP_HOST=NUUS).content.decode()
    sitemap = client.get("/news-sitemap.xml", HTTP_HOST=NUUS).content.decode()
    assert "<news:language>af</news:language>" in sitemap
    page = client.get(story.relative_url(story.get_site()), HTTP_HOST=NUUS).content.decode()
    assert '"inLanguage":"af"' in page
    assert '<meta property="og:locale" content="af">' in page


def test_a_wire_story_keeps_its_own_language_on_an_english_site(client, section):
    story = _story(section, "Regen in Berlin", language="de")
    html = client.get(story.relative_url(story.get_site())).content.decode()
    assert '<html lang="de">' in html
    assert '"inLanguage":"de"' in html


def test_the_wagtail_admin_is_not_switched_to_the_site_language(client, nuus_section):
    html = client.get("/admin/login/", HTTP_HOST=NUUS).content.decode()
    assert 'lang="af"' not in html


def test_changing_the_site_language_purges_the_cached_pages(client, section, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    client.get("/")
    cached = client.get("/")
    assert cached[PAGE_CACHE_HEADER] == "hit" and '<html lang="en">' in cached.content.decode()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.language = "af"
    site_settings.save()
    response = client.get("/")
    assert response[PAGE_CACHE_HEADER] == "miss"
    assert '<html lang="af">' in response.content.decode()
    assert response["Content-Language"] == "af"


def test_changing_a_site_purges_its_cached_pages(client, section, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    client.get("/")
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()
    assert client.get("/")[PAGE_CACHE_HEADER] == "miss"


def test_a_first_visit_creating_the_settings_row_does_not_purge(client, section, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    site = Site.objects.create(
        hostname="other.localhost", port=80, root_page=section.get_parent(), site_name="Other"
    )
    client.get("/")
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"
    SiteSettings.for_site(site)  # created now
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"


def test_a_save_landing_while_a_request_reads_the_settings_is_not_cached_over(client, section):
    """The language read before a save is never kept as the answer after it."""
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # the row exists
    saved = []

    def save_right_after_the_read(sender, instance, **kwargs):
        # The request has just read "en"; an editor's save to "af" lands now.
        if instance.pk and not saved:
            saved.append(instance.pk)
            fresh = SiteSettings.objects.get(pk=instance.pk)
            fresh.language = "af"
            fresh.save()

    post_init.connect(save_right_after_the_read, sender=SiteSettings)
    try:
        assert client.get("/")["Content-Language"] == "en"
    finally:
        post_init.disconnect(save_right_after_the_read, sender=SiteSettings)
    assert saved
    assert client.get("/")["Content-Language"] == "af"


def test_a_cached_language_costs_no_query(client, section, django_assert_num_queries):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # the row exists
    client.get("/")
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        assert site_language_for_request(request) == "en"


def test_probes_files_and_the_script_catalog_need_no_site_language(
    client, nuus_section, django_assert_num_queries
):
    catalog = catalog_url("af")
    assert catalog.startswith(JS_CATALOG_PREFIX)
    for path in ("/healthz", catalog):
        with django_assert_num_queries(0):
            response = client.get(path, HTTP_HOST=NUUS)
        assert response.status_code == 200, path
        assert "Content-Language" not in response, path
    for path in ("/readyz", "/media/no-such-file.jpg", "/static/no-such-file.css"):
        assert "Content-Language" not in client.get(path, HTTP_HOST=NUUS), path
    # A path that merely starts like a probe is a page like any other.
    assert client.get("/healthzz", HTTP_HOST=NUUS)["Content-Language"] == "af"
