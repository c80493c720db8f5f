"""News in Pictures galleries move between photos with the arrow keys."""

import pytest

from newsdesk.galleries.models import GalleryIndexPage, GalleryPage, GalleryPhoto
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_arrow_keys_and_links_move_between_photos(live_site, home_page, page):
    index = GalleryIndexPage(title="News in Pictures", slug="galleries")
    home_page.add_child(instance=index)
    gallery = GalleryPage(title="The week", slug="the-week")
    for order in range(3):
        gallery.photos.add(
            GalleryPhoto(image=CustomImageFactory(), caption=f"Photo {order}", sort_order=order)
        )
    index.add_child(instance=gallery)
    gallery.save_revision().publish()

    page.goto(live_site.url + "/galleries/the-week/")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("location.hash") == "#photo-1"
    for _ in range(3):  # past the last photo it stays on the last
        page.keyboard.press("ArrowRight")
    assert page.evaluate("location.hash") == "#photo-3"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("location.hash") == "#photo-2"
    assert page.evaluate("document.activeElement.id") == "photo-2"
    # Without the keys, the links do the same.
    page.locator("#photo-2").get_by_role("link", name="Next →").click()
    assert page.evaluate("location.hash") == "#photo-3"
    assert page.get_by_role("link", name="User Galleries").is_visible()
    assert page.console_errors == []
