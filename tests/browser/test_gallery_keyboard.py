"""News in Pictures galleries move between photos with the arrow keys."""

import time

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


def _gallery(home_page, count=4):
    index = GalleryIndexPage(title="News in Pictures", slug="galleries")
    home_page.add_child(instance=index)
    gallery = GalleryPage(title="The week", slug="the-week")
    for order in range(count):
        gallery.photos.add(
            GalleryPhoto(
                image=CustomImageFactory(),
                caption=f"Photo {order}",
                credit=f"Lerato Mokoena, AFP {order}",
                sort_order=order,
            )
        )
    index.add_child(instance=gallery)
    gallery.save_revision().publish()
    return gallery


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _in_view(page, number, timeout=5.0):
    """The slide's left edge settles at the strip's left edge (as after a swipe).

    Polled from Python: page.wait_for_function does not poll when JavaScript is off.
    """
    check = """n => {
        const t = document.querySelector('[data-viewer-track]').getBoundingClientRect();
        const s = document.getElementById('photo-' + n).getBoundingClientRect();
        return Math.abs(s.left - t.left) < 2;
    }"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(check, number):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_the_viewer_is_full_width_on_a_phone_swipes_and_deep_links(live_site, home_page, browser):
    _gallery(home_page)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_site.url + "/galleries/the-week/#photo-3")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    image = page.locator("#photo-3 img").bounding_box()
    assert image["width"] == pytest.approx(390, abs=1)
    assert _in_view(page, 3)  # a shared link opens on its photo
    caption = page.locator("#photo-3 figcaption")
    assert caption.is_visible() and "3 of 4" in caption.inner_text()
    assert "Photo 2" in caption.inner_text() and "(Lerato Mokoena, AFP 2)" in caption.inner_text()
    # A swipe is a sideways scroll of the strip: the address follows the photo in view.
    page.evaluate(
        "const t = document.querySelector('[data-viewer-track]');"
        "t.scrollTo({left: t.clientWidth * 3, behavior: 'instant'})"
    )
    page.wait_for_function("location.hash === '#photo-4'")
    assert page.locator('[data-viewer-thumb="4"]').get_attribute("aria-current") == "true"
    context.close()


def test_every_photo_is_reachable_without_javascript(live_site, home_page, browser):
    _gallery(home_page, count=3)
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(live_site.url + "/galleries/the-week/")
    assert page.locator(".viewer__slide img").count() == 3
    page.locator("#photo-1").get_by_role("link", name="Next →").click()
    page.wait_for_function("() => location.hash === '#photo-2'")
    assert _in_view(page, 2)
    page.get_by_role("navigation", name="All photos").get_by_role("link", name="Photo 3").click()
    assert _in_view(page, 3)
    context.close()
