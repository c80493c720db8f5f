import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from newsdesk.articles.tests.factories import article_factory
from newsdesk.core.hooks import LOCAL_COMPONENTS
from newsdesk.local.components import DUPLICATE_COMPONENT, local_components
from newsdesk.local.components.base import LocalComponent
from newsdesk.local.tests.factories import alert_factory, listing_factory, place
from newsdesk.tags.models import Tag

pytestmark = pytest.mark.django_db


class TidesComponent(LocalComponent):
    name = "tides"
    title = "Tides"
    description = "High and low water."
    template_name = "local/components/news.html"
    order = 50

    def get_context(self, *, request, place):
        return {"stories": []}


@pytest.fixture
def tides():
    def tides_components():
        return [TidesComponent()]

    with hooks.register_temporarily(LOCAL_COMPONENTS, tides_components):
        yield


def test_builtins_are_registered_in_order():
    names = [c.name for c in local_components()]
    assert names[:4] == ["news", "weather", "traffic", "listings"]


def test_an_add_on_component_gets_an_endpoint_a_slot_and_a_setting(client, home_page, tides):
    fragment = client.get("/local/components/tides/")
    assert fragment.status_code == 200
    assert "Tides" in fragment.content.decode()
    assert 'data-local-component="tides"' in client.get("/").content.decode()
    assert 'id="id_tides"' in client.get("/location/").content.decode()


def test_two_components_cannot_share_a_name(tides):
    class OtherTides(TidesComponent):
        pass

    def other_tides():
        return [OtherTides()]

    with (
        hooks.register_temporarily(LOCAL_COMPONENTS, other_tides),
        pytest.raises(ValueError, match=DUPLICATE_COMPONENT.format(name="tides")),
    ):
        local_components()


def test_an_unknown_component_is_not_found(client, home_page):
    assert client.get("/local/components/horoscope/").status_code == 404


@pytest.mark.parametrize("name", ["news", "weather", "traffic", "listings"])
def test_component_fragments_are_private_and_never_stored(client, home_page, name):
    response = client.get(f"/local/components/{name}/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "<html" not in response.content.decode()


def test_public_pages_hold_empty_slots_the_same_for_every_reader(client, home_page, section):
    article = article_factory(section=section, title="Storm in the Cape")
    anonymous_home = client.get("/").content
    anonymous_article = client.get(article.url).content
    client.post("/location/", {"weather": "cape-town", "traffic": "durban"})
    assert client.get("/").content == anonymous_home
    assert client.get(article.url).content == anonymous_article
    assert b'data-local-url="/local/components/weather/"' in anonymous_home
    assert b'href="/location/' in anonymous_home  # works without JavaScript
    assert b"Cape Town" not in anonymous_home


def test_local_news_shows_stories_tagged_with_the_place_or_its_region(client, section):
    article_factory(section=section, title="Table Mountain fire contained", tags=["Cape Town"])
    article_factory(section=section, title="Winelands harvest begins", tags=["Western Cape"])
    article_factory(section=section, title="Durban port backlog", tags=["Durban"])
    article_factory(section=section, title="Cape Town cricket", tags=[], hours_ago=2)
    Tag.objects.update(kind=Tag.Kind.PLACE)
    client.post("/location/", {"news": "cape-town"})
    html = client.get("/local/components/news/").content.decode()
    assert "Table Mountain fire contained" in html
    assert "Winelands harvest begins" in html
    assert "Durban port backlog" not in html
    assert "Cape Town cricket" not in html  # named, but not tagged


def test_local_news_ignores_tags_that_are_not_places(client, section):
    article_factory(section=section, title="Durban rugby", tags=["Durban"])
    Tag.objects.filter(name__iexact="durban").update(kind=Tag.Kind.TOPIC)
    client.post("/location/", {"news": "durban"})
    assert "Durban rugby" not in client.get("/local/components/news/").content.decode()


def test_component_queries_do_not_grow_with_content(client, section):
    client.post("/location/", {"traffic": "johannesburg", "listings": "johannesburg"})

    def count(name):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/local/components/{name}/")
        return len(ctx)

    article_factory(section=section, title="Joburg story", tags=["Johannesburg"])
    Tag.objects.update(kind=Tag.Kind.PLACE)
    # Warm: the first read of the shared "any view restrictions?" flag counts them once.
    for name in ("news", "traffic", "listings"):
        count(name)
    before = {name: count(name) for name in ("news", "traffic", "listings")}
    for n in range(6):
        article_factory(section=section, title=f"Gauteng story {n}", tags=["Gauteng"])
        alert_factory(region=place("gauteng"), headline=f"Alert {n}")
        listing_factory(place=place("johannesburg"), title=f"Gig {n}")
    Tag.objects.update(kind=Tag.Kind.PLACE)
    after = {name: count(name) for name in ("news", "traffic", "listings")}
    assert after == before
