import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_tags
from newsdesk.network.models import SiteSettings

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parent / "fixtures" / "news24_japan_us.txt"
TAGS = [
    "chuck hagel",
    "barack obama",
    "shinzo abe",
    "us",
    "north korea",
    "japan",
    "north korea nuclear programme",
]
# Stored and shown with capitals: the page lists them in lower case.
TAGS_STORED = [
    "Chuck Hagel",
    "Barack Obama",
    "Shinzo Abe",
    "US",
    "North Korea",
    "Japan",
    "North Korea Nuclear Programme",
]


def test_dry_run_prints_the_seed_as_json_and_saves_nothing(capsys):
    call_command("import_page", str(SEED), "--dry-run")
    data = json.loads(capsys.readouterr().out.strip())
    assert data["headline"] == "Japan, US to modernise military alliance"
    # 10:07 on the page, site-local (Johannesburg), printed in UTC with its offset.
    assert data["published"] == "2013-10-03T08:07:00+00:00"
    assert data["caption"] == "US soldiers stand in front of a Patriot missile battery."
    assert data["credit"] == "Wojtek Radwanski, AFP"
    assert data["dateline"] == "Tokyo"
    assert {"type": "subheading", "text": "Political sustainability"} in data["body"]
    assert data["body"][0]["text"].startswith("The United States and Japan agreed")
    assert data["tags"] == TAGS
    assert not ArticlePage.objects.exists()


def test_import_creates_a_published_article_with_every_field(section):
    call_command("import_page", str(SEED), "--section", "world", verbosity=0)
    article = ArticlePage.objects.get()
    assert article.live
    assert article.title == "Japan, US to modernise military alliance"
    assert article.dateline == "Tokyo"
    assert article.caption == "US soldiers stand in front of a Patriot missile battery."
    assert article.credit == "Wojtek Radwanski, AFP"
    # 10:07 in the site's zone (Africa/Johannesburg, UTC+2) is 08:07 UTC.
    assert article.first_published_at.isoformat() == "2013-10-03T08:07:00+00:00"
    assert [tag.name for tag in article_tags(article=article)] == TAGS_STORED
    types = [block.block_type for block in article.body]
    assert types.count("subheading") == 1 and types.count("paragraph") == 17


def test_importing_the_same_file_twice_updates_the_same_article(section, capsys):
    call_command("import_page", str(SEED), "--section", "world")
    call_command("import_page", str(SEED), "--section", "world")
    assert ArticlePage.objects.count() == 1
    assert "unchanged" in capsys.readouterr().out


def test_changed_text_updates_the_existing_article(section, tmp_path):
    call_command("import_page", str(SEED), "--section", "world", verbosity=0)
    changed = tmp_path / "changed.txt"
    changed.write_text(
        SEED.read_text().replace("The pariah state", "The isolated state"), encoding="utf-8"
    )
    call_command("import_page", str(changed), "--section", "world", verbosity=0)
    article = ArticlePage.objects.get()
    assert "The isolated state" in str(article.body)


def test_a_file_that_is_not_an_article_is_named_and_the_batch_goes_on(section, tmp_path, capsys):
    junk = tmp_path / "server.log"
    junk.write_text("2024-01-01 12:00:00 INFO started\n2024-01-01 12:00:01 INFO ok\n")
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_page", str(junk), str(SEED), "--section", "world")
    captured = capsys.readouterr()
    assert "[1/2]" in captured.err and "server.log" in captured.err
    assert "[2/2]" in captured.out and "created" in captured.out
    assert ArticlePage.objects.count() == 1


def test_a_missing_file_is_reported_without_saving(section, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_page", str(tmp_path / "nope.txt"), "--section", "world")
    assert "nope.txt" in capsys.readouterr().err
    assert not ArticlePage.objects.exists()


def test_an_unknown_section_is_refused_before_reading_files(db):
    with pytest.raises(CommandError, match="No section with the slug 'nowhere'"):
        call_command("import_page", str(SEED), "--section", "nowhere")


def test_html_pages_are_imported_through_trafilatura(section, tmp_path):
    html = tmp_path / "story.html"
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story says something of substance about the harbour works "
        f"and the people affected by them, in several words.</p>"
        for n in range(1, 6)
    )
    html.write_text(
        "<!doctype html><html><head><title>Harbour reopens after repairs</title>"
        '<meta property="article:published_time" content="2024-05-02T09:30:00">'
        "</head><body><nav>Home | World</nav><article><h1>Harbour reopens after repairs</h1>"
        f"<p>Durban - The harbour reopened on Thursday after weeks of repairs.</p>{paragraphs}"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    call_command("import_page", str(html), "--section", "world", verbosity=0)
    article = ArticlePage.objects.get()
    assert article.title == "Harbour reopens after repairs"
    assert article.dateline == "Durban"
    assert "Paragraph 5 of the story" in str(article.body)
    assert "Copyright" not in str(article.body)


def _html_story(tmp_path, published_time: str) -> Path:
    html = tmp_path / "story.html"
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story says something of substance about the harbour works "
        f"and the people affected by them, in several words.</p>"
        for n in range(1, 6)
    )
    html.write_text(
        "<!doctype html><html><head><title>Harbour reopens after repairs</title>"
        f'<meta property="article:published_time" content="{published_time}">'
        "</head><body><article><h1>Harbour reopens after repairs</h1>"
        f"<p>Durban - The harbour reopened on Thursday after weeks of repairs.</p>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    return html


@pytest.mark.parametrize(
    ("published_time", "utc"),
    [
        ("2024-05-02T09:30:00+02:00", "2024-05-02T07:30:00+00:00"),
        ("2024-05-02T09:30:00-04:00", "2024-05-02T13:30:00+00:00"),  # the page's offset
        ("2024-05-02T09:30:00", "2024-05-02T07:30:00+00:00"),  # none: site-local (SAST)
    ],
)
def test_an_html_pages_time_keeps_its_offset_and_the_dry_run_prints_utc(
    section, tmp_path, capsys, published_time, utc
):
    html = _html_story(tmp_path, published_time)
    call_command("import_page", str(html), "--dry-run")
    assert json.loads(capsys.readouterr().out)["published"] == utc
    call_command("ingest", str(html), "--dry-run")
    assert json.loads(capsys.readouterr().out)["published"] == utc
    call_command("import_page", str(html), "--section", "world", verbosity=0)
    assert ArticlePage.objects.get().first_published_at.isoformat() == utc


@pytest.mark.parametrize(
    "stamp", ["2013-10-03 10:07 GMT+2", "2013-10-03 10:07 SAST", "2013-10-03T10:07:00+02:00"]
)
def test_a_text_pages_named_zone_is_honoured_whatever_the_sites(section, tmp_path, stamp):
    site_settings = SiteSettings.for_site(section.get_site())
    site_settings.time_zone = "Europe/London"
    site_settings.save()
    page = tmp_path / "page.txt"
    page.write_text(SEED.read_text().replace("2013-10-03 10:07", stamp, 1))
    call_command("import_page", str(page), "--section", "world", verbosity=0)
    assert ArticlePage.objects.get().first_published_at.isoformat() == "2013-10-03T08:07:00+00:00"
