"""Wire HTTP is mocked at the boundary for every ingest test: the fixtures' photo URLs
answer with real JPEGs; any other URL fails at once like an unreachable host."""

import pytest
import responses

from newsdesk.images.tests.factories import jpeg_bytes

PHOTO_URLS = (
    "https://wire.example.com/photos/2013/10/03/hagel-kerry.jpg",
    "https://wire.example.com/photos/tokyo-bay.jpg",
)


@pytest.fixture(autouse=True)
def wire_http():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for url in PHOTO_URLS:
            mock.get(url, body=jpeg_bytes(320, 180), content_type="image/jpeg")
        yield mock
