"""A story and its translation link to each other (hreflang and a visible link)."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.network.models import SiteSettings
from newsdesk.sections.tests.factories import HomePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

NUUS = "nuus.localhost"


@pytest.fixture
def nuus_section(home_page):
    afrikaans, _ = Locale.objects.get_or_create(language_code="af")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="nuus-home", locale=afrikaans)
    site = Site.objects.create(hostname=NUUS, port=80, root_page=home, site_name="Nuus")
    settings = SiteSettings.for_site(site)
    settings.language = "af"
    settings.save()
    return SectionPageFactory(parent=home, title="Nuus", slug="nuus")


@pytest.fixture
def pair(section, nuus_section):
    english = article_factory(section=section, title="Rain at last in the Karoo")
    afrikaans = article_factory(
        section=nuus_section,
        title="Eindelik reën in die Karoo",
        translation_key=english.translation_key,
    )
    return english, afrikaans


def _get(client, page, host="localhost"):
    return client.get(page.relative_url(page.get_site()), HTTP_HOST=host).content.decode()


def _label(language: str) -> str:
    name = translation.get_language_info(language)["name_local"]
    with translation.override(language):
        return translation.gettext("Read in %(language)s") % {"language": name}


def test_the_english_story_links_to_its_afrikaans_version(client, pair):
    english, afrikaans = pair
    html = _get(client, english)
    assert f'<link rel="alternate" hreflang="af" href="{afrikaans.full_url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{english.full_url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{english.full_url}">' in html
    assert '<meta property="og:locale:alternate" content="af">' in html
    visible = f'href="{afrikaans.full_url}" hreflang="af" lang="af" rel="alternate">'
    assert visible + _label("af") + "</a>" in html


def test_the_afrikaans_story_links_back_to_english(client, pair):
    english, afrikaans = pair
    html = _get(client, afrikaans, host=NUUS)
    assert '<html lang="af">' in html
    assert f'<link rel="alternate" hreflang="en" href="{english.full_url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{english.full_url}">' in html
    visible = f'href="{english.full_url}" hreflang="en" lang="en" rel="alternate">'
    assert visible + _label("en") + "</a>" in html
    assert "Read in English" in html


def test_a_story_without_translations_has_no_hreflang(client, section):
    html = _get(client, article_factory(section=section))
    assert "hreflang" not in html


def test_a_draft_translation_is_not_linked(client, section, nuus_section):
    english = article_factory(section=section, title="Rain at last")
    article_factory(
        section=nuus_section,
        title="Eindelik reën",
        translation_key=english.translation_key,
        publish=False,
    )
    assert "hreflang" not in _get(client, english)


def test_translation_links_cost_the_same_queries_as_none(
    client, section, nuus_section, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alone = article_factory(section=section, title="Alone")
    english = article_factory(section=section, title="Linked")
    article_factory(section=nuus_section, title="Gekoppel", translation_key=english.translation_key)
    for page in (alone, english):
        _get(client, page)  # settings, navigation and site root paths cached, as live
    with CaptureQueriesContext(connection) as without:
        _get(client, alone)
    with django_assert_num_queries(len(without.captured_queries)):
        assert "hreflang" in _get(client, english)


def test_the_translate_action_copies_a_story_into_the_linked_section(admin_client, section):
    """Wagtail's "Translate" (simple_translation) puts the copy in the section's translation."""
    from django.urls import reverse

    from newsdesk.articles.models import ArticlePage

    afrikaans, _ = Locale.objects.get_or_create(language_code="af")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="nuus-home", locale=afrikaans)
    nuus = SectionPageFactory(
        parent=home, title="Wêreld", slug="wereld", translation_key=section.translation_key
    )
    english = article_factory(section=section, title="Rain at last")
    url = reverse("simple_translation:submit_page_translation", args=[english.pk])
    response = admin_client.post(url, {"locales": [afrikaans.pk]})
    assert response.status_code == 302
    copy = ArticlePage.objects.get(locale=afrikaans, translation_key=english.translation_key)
    assert copy.get_parent().pk == nuus.pk
    assert not copy.live  # a draft for the translator, linked only once published
    assert copy.story_language == "af"


def test_without_a_version_in_the_default_language_there_is_no_x_default(
    client, section, nuus_section
):
    german = article_factory(section=section, title="Endlich Regen in der Karoo", language="de")
    afrikaans = article_factory(
        section=nuus_section,
        title="Eindelik reën in die Karoo",
        translation_key=german.translation_key,
    )
    for page, host in ((german, "localhost"), (afrikaans, NUUS)):
        html = _get(client, page, host=host)
        assert f'<link rel="alternate" hreflang="de" href="{german.full_url}">' in html
        assert f'<link rel="alternate" hreflang="af" href="{afrikaans.full_url}">' in html
        assert 'hreflang="x-default"' not in html


def test_publishing_or_unpublishing_a_version_refreshes_the_others(client, pair, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    english, afrikaans = pair

    def english_page():
        return client.get(english.relative_url(english.get_site()), HTTP_HOST="localhost")

    english_page()
    assert english_page()[PAGE_CACHE_HEADER] == "hit"
    afrikaans.refresh_from_db()  # live now
    afrikaans.unpublish()
    response = english_page()
    assert response[PAGE_CACHE_HEADER] == "miss"
    assert 'hreflang="af"' not in response.content.decode()
    assert english_page()[PAGE_CACHE_HEADER] == "hit"
    afrikaans.save_revision().publish()
    response = english_page()
    assert response[PAGE_CACHE_HEADER] == "miss"
    assert f'hreflang="af" href="{afrikaans.full_url}"' in response.content.decode()
