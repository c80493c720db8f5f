"""``import_page`` on other publishers' article pages saved as text (issue #15, item 13).

The samples in ``fixtures/publishers/`` are short invented stories written in the layouts
of IOL, BBC News, Reuters, EWN and the Mail & Guardian: date-only timestamps, credits
without parentheses, a dateline on its own line, trailing agency sign-offs, chrome such
as "Related Topics:" and "Image caption,", and a byline above the headline."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.ingest.page_text import parse_page_text

PUBLISHERS = Path(__file__).parent / "fixtures" / "publishers"


def _parse(name):
    return parse_page_text((PUBLISHERS / name).read_text())


def _texts(parsed):
    return [block.text for block in parsed.body]


def test_iol_date_only_timestamp_credit_without_parentheses_and_sapa_sign_off():
    page = _parse("iol_load_shedding.txt")
    assert page.headline == "Eskom warns of stage 2 load shedding this weekend"
    assert page.published == datetime(2024, 3, 12)  # noqa: DTZ001 - site-local, as written
    assert page.credit == "SAPA" and page.caption == ""
    assert page.dateline == "Johannesburg" and page.agency == "Sapa"
    assert _texts(page)[0].startswith("Eskom said on Tuesday")
    assert _texts(page)[-1].endswith("between 5pm and 9pm.")
    assert not any("Sapa" in text for text in _texts(page))


def test_bbc_image_caption_chrome_byline_and_related_topics():
    page = _parse("bbc_kenya_protests.txt")
    assert page.headline == "Kenya protests: Police fire tear gas at crowds in Nairobi"
    assert page.published == datetime(2024, 3, 12)  # noqa: DTZ001
    assert page.caption == "Protesters gathered in the city centre on Tuesday afternoon"
    assert page.credit == "Getty Images" and page.byline == "Mercy Wanjiru"
    assert _texts(page) == [
        "Police in Kenya's capital have fired tear gas at hundreds of people protesting "
        "against a proposed tax on mobile money transfers.",
        "Shops in the city centre closed early as the crowds grew.",
        "The finance ministry says the tax is needed to cut the budget deficit.",
    ]
    assert page.tags == ()


def test_reuters_byline_time_with_offset_dateline_and_reporting_credits():
    page = _parse("reuters_gold.txt")
    assert page.byline == "Anita Sharma"
    # "GMT+2" is honoured: the time keeps its offset whatever the site's zone.
    assert page.published == datetime(2024, 3, 12, 5, 41, tzinfo=timezone(timedelta(hours=2)))
    assert (page.dateline, page.agency) == ("BENGALURU", "Reuters")
    assert _texts(page)[0].startswith("Gold prices held steady on Tuesday")
    assert _texts(page)[-1].startswith("Spot gold was little changed")


def test_ewn_byline_over_the_time_and_a_dateline_on_its_own_line():
    page = _parse("ewn_taxi_strike.txt")
    assert page.byline == "Kevin Brandt"
    assert page.published == datetime(2024, 3, 14, 10, 32)  # noqa: DTZ001
    assert page.dateline == "CAPE TOWN"  # as written, like every scraped dateline
    assert _texts(page)[0].startswith("The South African National Taxi Council")


def test_mail_and_guardian_byline_above_the_headline():
    page = _parse("mg_fuel_levy.txt")
    assert page.headline == "Treasury defends fuel levy increase amid cost-of-living anger"
    assert page.byline == "Nomvula Dube"
    assert page.published == datetime(2024, 3, 14)  # noqa: DTZ001
    assert len(page.body) == 3


@pytest.mark.django_db
def test_import_page_stores_byline_agency_and_credit(section):
    call_command(
        "import_page",
        str(PUBLISHERS / "reuters_gold.txt"),
        str(PUBLISHERS / "iol_load_shedding.txt"),
        "--section",
        "world",
        verbosity=0,
    )
    gold = ArticlePage.objects.get(title__startswith="Gold steadies")
    assert (gold.byline, gold.agency, gold.dateline) == ("Anita Sharma", "Reuters", "BENGALURU")
    assert gold.first_published_at.isoformat() == "2024-03-12T03:41:00+00:00"  # SAST
    eskom = ArticlePage.objects.get(title__startswith="Eskom warns")
    assert (eskom.agency, eskom.lead_image_credit) == ("Sapa", "SAPA")
