"""Wire sources and their lead photos are fetched through ``core.http``: an internal
address, directly or through a redirect, is refused with the neutral message and nothing
is stored (issue #13, row 5)."""

from pathlib import Path

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.core.http import OUTBOUND_FETCH_FAILED
from newsdesk.core.tests.servers import local_server
from newsdesk.images.models import CustomImage
from newsdesk.ingest.fetch import FetchError, HttpFetcher
from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.wire_services import ingest_source_run, wire_document_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
PHOTO_URL = b"https://wire.example.com/photos/tokyo-bay.jpg"
REDIRECTING_PHOTO = "https://wire.example.com/photos/moved.jpg"


@pytest.mark.parametrize(
    "photo_url",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://127.0.0.1:6379/",
        "http://10.0.0.12/internal.jpg",
        "http://[::1]/photo.jpg",
        REDIRECTING_PHOTO,  # a public URL answering with a redirect inside
    ],
)
def test_an_internal_lead_photo_url_is_refused_and_stores_no_image(section, wire_http, photo_url):
    wire_http.get(
        REDIRECTING_PHOTO, status=302, headers={"Location": "http://169.254.169.254/latest/"}
    )
    data = (FIXTURES / "wire_ninjs.json").read_bytes().replace(PHOTO_URL, photo_url.encode())
    report = wire_document_import(data=data, fmt="ninjs", section=section, publish=True)
    article = ArticlePage.objects.get()
    assert article.lead_image is None
    assert not CustomImage.objects.exists()
    assert len(report.warnings) == 1
    assert report.warnings[0].endswith(
        f"photo not imported: could not fetch {photo_url}: {OUTBOUND_FETCH_FAILED}"
    )


def test_a_source_on_a_listening_internal_port_is_never_requested(section):
    with local_server({"/feed.xml": lambda h: h.answer(200, b"<rss/>")}) as server:
        source = IngestSource.objects.create(
            name="Intranet",
            slug="intranet",
            url=server.url("/feed.xml"),
            format="rss",
            section=section,
        )
        report = ingest_source_run(source=source, fetcher=HttpFetcher())
    assert server.requests == []
    assert report.failed
    assert report.errors == [f"could not fetch {source.url}: {OUTBOUND_FETCH_FAILED}"]
    assert not ArticlePage.objects.exists()


def test_an_oversized_wire_document_is_cut_at_the_cap(settings):
    settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ["127.0.0.1/32"]
    settings.NEWSDESK_INGEST_MAX_BYTES = 64 * 1024

    def endless(handler):
        handler.send_response(200)
        handler.end_headers()
        for _ in range(1600):  # 100 MB, never announced
            handler.write(b"<item/>" * 9362)

    with (
        local_server({"/feed.xml": endless}) as server,
        pytest.raises(FetchError, match=OUTBOUND_FETCH_FAILED),
    ):
        HttpFetcher().fetch(server.url("/feed.xml"))
    assert server.bytes_sent < 20 * 1024 * 1024
