"""robots.txt, titles and descriptions, and what Google reads in JSON-LD (issue #14)."""

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image

from newsdesk.articles.tests.factories import article_factory
from newsdesk.authors.tests.factories import author_factory
from newsdesk.core.templatetags.newsdesk_tags import html_datetime
from newsdesk.images.tests.factories import CustomImageFactory, jpeg_bytes
from newsdesk.network.models import SiteSettings

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _description(html: str) -> list[str]:
    return re.findall(r'<meta name="description" content="([^"]*)">', html)


@pytest.fixture
def tagline(home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.brand_name, site_settings.tagline = "newsdesk", "News you can trust"
    site_settings.save()
    return site_settings


def test_robots_txt_lists_the_sitemaps_absolute_on_the_requested_address(
    client, home_page, settings
):
    settings.ALLOWED_HOSTS = ["news.example.com"]
    response = client.get("/robots.txt", HTTP_HOST="news.example.com")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert lines[-2:] == [
        "Sitemap: http://news.example.com/sitemap.xml",
        "Sitemap: http://news.example.com/news-sitemap.xml",
    ]


def test_home_title_is_the_brand_and_tagline_once(client, tagline):
    html = client.get("/").content.decode()
    assert "<title>newsdesk: News you can trust</title>" in html
    assert '<meta property="og:title" content="newsdesk: News you can trust">' in html
    assert _description(html) == ["News you can trust"]


def test_article_describes_itself_with_its_standfirst(client, section, tagline):
    article = article_factory(section=section, title="Harbour reopens", summary="Ships are back.")
    html = client.get(article.url).content.decode()
    assert "<title>Harbour reopens | newsdesk</title>" in html
    assert _description(html) == ["Ships are back."]


@pytest.mark.parametrize("name", ["search", "contributions:index"])
def test_pages_outside_the_tree_fall_back_to_the_tagline(client, tagline, name):
    assert _description(client.get(reverse(name)).content.decode()) == ["News you can trust"]


def test_tag_page_has_one_description_and_no_heading_gap(client, section, tagline):
    article_factory(section=section, tags=["Durban"])
    html = client.get("/tags/durban/").content.decode()
    assert _description(html) == ["Stories about Durban from newsdesk."]
    # The cards follow the h1 directly, so they are h2 (Nu Html Checker: no skipped level).
    assert '<h2 class="card__title">' in html and "<h3" not in html


def test_json_ld_links_authors_and_uses_a_raster_logo(client, section):
    jane = author_factory(name="Jane Doe")
    article = article_factory(section=section, authors=[jane])
    data = _json_ld(client.get(article.url).content.decode())
    assert data["author"] == [
        {"@type": "Person", "name": "Jane Doe", "url": "http://localhost/authors/jane-doe/"}
    ]
    logo = data["publisher"]["logo"]
    assert logo["url"].endswith("/logo.png")
    assert (logo["width"], logo["height"]) == (512, 512)


def test_shipped_logo_is_the_size_json_ld_claims():
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("logo.png")) as logo:
        assert logo.format == "PNG" and logo.size == (512, 512)


def test_json_ld_and_opengraph_images_claim_their_real_size(client, section, settings):
    # Smaller than 1200 px: Wagtail does not upscale, so the renditions are smaller too.
    image = CustomImageFactory(file=ImageFile(io.BytesIO(jpeg_bytes(900, 900)), name="square.jpg"))
    article = article_factory(section=section, lead_image=image)
    html = client.get(article.url).content.decode()
    images = _json_ld(html)["image"]
    sizes = {(i["width"], i["height"]) for i in images}
    assert len(sizes) == 3 and {w for w, _ in sizes} == {900} and (900, 900) in sizes
    for item in images:
        path = settings.MEDIA_ROOT / item["url"].split("/media/", 1)[1]
        with Image.open(path) as rendition:
            assert rendition.size == (item["width"], item["height"])
    wide = next(i for i in images if i["height"] < 600)  # the 16:9 one
    assert '<meta property="og:image:width" content="900">' in html
    assert f'<meta property="og:image:height" content="{wide["height"]}">' in html


def test_atom_entry_without_byline_names_the_site_as_author(client, section, tagline):
    article_factory(section=section, title="No byline here", byline="", agency="")
    body = client.get(reverse("feeds:atom")).content.decode()
    entry = body[body.index("<entry>") :]
    assert "<author><name>newsdesk</name></author>" in entry
    assert "<author><name>newsdesk</name></author>" in body[: body.index("<entry>")]


def test_html_datetime_keeps_seconds_and_the_zone_but_no_microseconds():
    from datetime import UTC, datetime

    from django.utils import timezone

    value = datetime(2026, 12, 1, 15, 56, 14, 425869, tzinfo=UTC)
    with timezone.override("Africa/Johannesburg"):
        assert html_datetime(value) == "2026-12-01T17:56:14+02:00"
    assert html_datetime(None) == ""


def test_sitemap_lists_author_pages_with_stories_on_the_site(client, section):
    jane, idle = author_factory(name="Jane Doe"), author_factory(name="Idle Writer")
    article_factory(section=section, authors=[jane])
    body = client.get(reverse("sitemap")).content.decode()
    assert "<loc>http://testserver/authors/jane-doe/</loc>" in body
    assert idle.slug not in body
    assert f"<loc>http://localhost{section.url}</loc>" in body or section.url in body
