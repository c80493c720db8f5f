"""Hostile text in every field of an imported story never becomes markup on the page."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.ingest.page_text import BodyBlock, ParsedPage
from newsdesk.ingest.services import article_import_parsed

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "\u202e\u200b\x00\x1f",
    "👩🏽‍🚀 ‮ ﷽",
]
CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")
# Any text with something visible left once the importer drops control characters.
text = st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=60)).filter(
    lambda value: value.translate(CONTROL).strip()
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headline=text, dateline=text, paragraph=text, tag=text)
def test_imported_text_is_escaped_everywhere_and_renders_the_same_twice(
    client, section, headline, dateline, paragraph, tag
):
    parsed = ParsedPage(
        headline=headline,
        published=None,
        caption=paragraph,
        credit=dateline,
        dateline=dateline,
        body=(BodyBlock("paragraph", paragraph), BodyBlock("paragraph", "Second.")),
        tags=(tag,),
    )
    article = article_import_parsed(
        parsed=parsed, section=section, source_id=f"test:{hash((headline, paragraph, tag))}"
    ).article
    first = client.get(article.url)
    second = client.get(article.url)
    html = first.content.decode()
    assert first.status_code == 200
    assert first.content == second.content
    for payload in ("<script>alert", "<img src=x", "<svg onload"):
        assert payload not in html
