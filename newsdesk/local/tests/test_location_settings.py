import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.test import Client, RequestFactory

from newsdesk.local.models import LocationChoice
from newsdesk.local.selectors import COOKIE_SALT
from newsdesk.local.tests.factories import place
from newsdesk.local.views import CLEARED, FIX_ERRORS, SAVED
from newsdesk.sections.tests.factories import news_site

pytestmark = pytest.mark.django_db
COOKIE = "newsdesk_location"


@pytest.fixture
def reader():
    return get_user_model().objects.create_user(username="thandi", password="x-secret-1")


def _save(client, **choices):
    data = {"news": "", "weather": "", "traffic": "", "listings": "", **choices}
    return client.post("/location/", data)


def test_settings_page_lists_a_place_chooser_per_component_and_sets_no_location_cookie(
    client, home_page
):
    response = client.get("/location/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("news", "weather", "traffic", "listings"):
        assert f'id="id_{name}"' in html
    assert '<optgroup label="South Africa: provinces">' in html
    assert COOKIE not in response.cookies
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_anonymous_save_sets_a_signed_lax_cookie_and_shows_saved(client, home_page):
    response = _save(client, weather="cape-town", traffic="durban")
    assert response.status_code == 302
    cookie = response.cookies[COOKIE]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert signing.loads(cookie.value, salt=COOKIE_SALT) == {
        "weather": "cape-town",
        "traffic": "durban",
    }
    page = client.get(response["Location"])
    assert str(SAVED) in page.content.decode()
    assert 'value="cape-town" selected' in page.content.decode()


def test_a_tampered_cookie_is_ignored(client, home_page):
    client.cookies[COOKIE] = "weather:cape-town"
    html = client.get("/local/components/weather/").content.decode()
    assert "Johannesburg" in html and "(default)" in html


def test_an_unknown_place_is_refused_and_changes_nothing(client, home_page):
    _save(client, weather="cape-town")
    response = _save(client, weather="atlantis")
    assert response.status_code == 400
    assert str(FIX_ERRORS) in response.content.decode()
    assert COOKIE not in response.cookies
    assert "Cape Town" in client.get("/local/components/weather/").content.decode()


def test_signed_in_choices_live_on_the_account_not_in_a_cookie(client, home_page, reader):
    client.force_login(reader)
    response = _save(client, weather="pretoria", listings="cape-town")
    assert COOKIE not in response.cookies
    saved = dict(LocationChoice.objects.filter(user=reader).values_list("component", "place__slug"))
    assert saved == {"weather": "pretoria", "listings": "cape-town"}
    _save(client, weather="durban")
    saved = dict(LocationChoice.objects.filter(user=reader).values_list("component", "place__slug"))
    assert saved == {"weather": "durban"}


def test_signed_in_choices_follow_the_reader_to_another_site(home_page, reader):
    news_site(hostname="sport.localhost", default=False)
    news = Client()
    news.force_login(reader)
    _save(news, traffic="gqeberha")
    sport = Client(HTTP_HOST="sport.localhost")
    sport.force_login(reader)
    html = sport.get("/local/components/traffic/").content.decode()
    assert "Gqeberha" in html and "(default)" not in html


def test_clear_removes_the_cookie_and_the_account_choices(client, home_page, reader):
    _save(client, weather="cape-town")
    response = client.post("/location/", {"clear": "1"})
    assert response.cookies[COOKIE].value == ""
    assert str(CLEARED) in client.get(response["Location"]).content.decode()
    client.force_login(reader)
    _save(client, weather="cape-town")
    client.post("/location/", {"clear": "1"})
    assert not LocationChoice.objects.filter(user=reader).exists()


def _sign_in_with_cookie_from(client, reader):
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE] = client.cookies[COOKIE].value
    user_logged_in.send(sender=type(reader), request=request, user=reader)


def test_signing_in_keeps_the_places_chosen_before(client, home_page, reader):
    _save(client, weather="east-london")
    _sign_in_with_cookie_from(client, reader)
    assert LocationChoice.objects.get(user=reader, component="weather").place == place(
        "east-london"
    )


def test_signing_in_does_not_overwrite_an_accounts_own_choices(client, home_page, reader):
    LocationChoice.objects.create(user=reader, component="weather", place=place("durban"))
    _save(client, weather="east-london")
    _sign_in_with_cookie_from(client, reader)
    assert LocationChoice.objects.get(user=reader, component="weather").place.slug == "durban"
