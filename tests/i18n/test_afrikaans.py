"""Spot checks that the Afrikaans catalog reaches readers, and the scripts' catalog view."""

import json
import re

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsdesk.core.jsi18n import catalog_url, catalog_version
from newsdesk.discussions import services, tasks

pytestmark = pytest.mark.django_db

OUR_SCRIPT_CATALOG = settings.LOCALE_PATHS[0] / "af" / "LC_MESSAGES" / "djangojs.po"


def test_masthead_and_menu_read_in_afrikaans(client, home_page, sites_speak):
    sites_speak("af")
    page = client.get("/").content.decode()
    for text in ("Slaan oor na inhoud", "Meld aan", "Sluit aan", "Soek", "Tuis", "Kieslys"):
        assert text in page, text
    assert "Sign in" not in page


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 kommentare"), (1, "1 kommentaar"), (2, "2 kommentare")]
)
def test_comment_count_uses_the_afrikaans_plural(count, text):
    with translation.override("af"):
        html = render_to_string("discussions/_thread.html", {"count": count, "thread": {}})
    assert text in html


def test_reader_messages_and_email_subject_are_afrikaans():
    with translation.override("af"):
        assert str(services.CLOSED) == "Kommentaar op hierdie artikel is gesluit."
        assert str(tasks.REJECTION_SUBJECT) == "Jou kommentaar is nie gepubliseer nie"
        assert tasks.REPLY_SUBJECT % {"name": "Thandi"} == (
            "Thandi het op jou kommentaar geantwoord"
        )
    assert str(services.CLOSED) == "Comments have been closed for this article."


def test_the_404_page_speaks_afrikaans(client, home_page, sites_speak):
    sites_speak("af")
    page = client.get("/no-such-page/").content.decode()
    assert "Ons kan nie daardie bladsy vind nie" in page
    assert "Gaan na die voorblad" in page


def test_script_catalog_is_cacheable_for_a_year_and_sets_no_cookie(client):
    response = client.get(catalog_url("af"))
    assert response.status_code == 200
    assert "Meld aan" in response.content.decode()
    assert "max-age=31536000" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Vary" not in response or "Cookie" not in response["Vary"]


def test_script_catalog_url_changes_with_the_translations_only(client):
    stale = reverse("javascript_catalog", kwargs={"language": "af", "version": "0" * 12})
    assert client.get(stale).status_code == 404
    assert catalog_version() in catalog_url("af")
    assert client.get(catalog_url("zz-nonsense")).status_code == 404


def test_base_page_loads_the_catalog_before_the_site_scripts(client, home_page):
    page = client.get("/").content.decode()
    # The site's language (English), not the settings' default variant.
    assert page.index(catalog_url("en")) < page.index("js/accounts.js")


def test_script_catalog_holds_our_strings_and_no_other_apps(client):
    """Other apps' script strings (Wagtail admin's) change with their upgrades, which the
    catalog's URL would not: they are left out."""
    script = client.get(catalog_url("af")).content.decode()
    shipped = set(json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1]))
    ours = {entry.msgid for entry in polib.pofile(OUR_SCRIPT_CATALOG) if entry.translated()}
    assert shipped == ours
    assert "Move up" not in shipped  # one of Wagtail admin's
