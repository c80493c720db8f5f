"""Share links on a story: plain links, no third-party script, the same for everyone."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_article_has_plain_share_links_and_no_third_party_script(client, article):
    html = client.get(article.url).content.decode()
    share = html[html.index("data-share ") : html.index("data-share-status")]
    url = re.escape(article.full_url.replace(":", "%3A").replace("/", "%2F"))
    for service in (
        r"https://wa\.me/\?text=",
        r"https://www\.facebook\.com/sharer/sharer\.php\?u=" + url,
        r"https://x\.com/intent/post\?url=" + url,
        r"https://www\.linkedin\.com/sharing/share-offsite/\?url=" + url,
        r"mailto:\?subject=",
    ):
        assert re.search(service, share), service
    assert "data-share-copy hidden" in share and "data-share-native hidden" in share
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert all(src.startswith("/") for src in scripts), scripts
