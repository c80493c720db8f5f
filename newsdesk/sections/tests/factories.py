"""Factories for the home page, sections and the site they make."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from newsdesk.sections.models import HomePage, SectionPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))
    show_in_menus = True

    class Meta:
        model = SectionPage


def news_site(*, hostname: str = "localhost", default: bool = True) -> Site:
    """A site whose root is a fresh HomePage (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    if default:
        Page.objects.filter(depth=2, content_type__model="page").delete()
    home = HomePageFactory(parent=root, slug=f"home-{hostname}".replace(".", "-"))
    site, _ = Site.objects.update_or_create(
        hostname=hostname,
        port=80,
        defaults={"root_page": home, "is_default_site": default, "site_name": hostname},
    )
    return site
