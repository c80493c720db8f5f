"""Locales answered from the per-process copy (newsdesk.core.locales)."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from newsdesk.core.locales import locale_language_code

pytestmark = pytest.mark.django_db


def test_the_active_locale_costs_no_query_once_read(django_assert_num_queries):
    english = Locale.objects.get(language_code="en")
    Locale.get_active()
    with translation.override("en"), django_assert_num_queries(0):
        assert Locale.get_active() == english
        assert Locale.get_default() == english
        assert locale_language_code(locale_id=english.pk) == "en"


def test_a_new_locale_is_found_at_once():
    Locale.get_active()  # the copy is read
    afrikaans = Locale.objects.create(language_code="af")
    assert Locale.objects.get_for_language("af") == afrikaans
    assert locale_language_code(locale_id=afrikaans.pk) == "af"


def test_a_locale_added_by_another_process_is_found():
    Locale.get_active()
    # bulk_create sends no signal, as a save in another process sends none here.
    Locale.objects.bulk_create([Locale(language_code="af")])
    afrikaans = Locale.objects.get(language_code="af")
    assert Locale.objects.get_for_language("af") == afrikaans
    assert locale_language_code(locale_id=afrikaans.pk) == "af"


def test_a_deleted_locale_is_gone_at_once():
    afrikaans = Locale.objects.create(language_code="af")
    assert Locale.objects.get_for_language("af") == afrikaans
    afrikaans.delete()
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("af")


def test_languages_fail_as_in_wagtail():
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("af")  # configured, but no locale yet
    with pytest.raises(LookupError):
        Locale.objects.get_for_language("xx")  # not a content language
    with translation.override("af"):
        assert Locale.get_active().language_code == "en"  # falls back to the default


def test_each_call_gives_its_own_instance():
    first = Locale.objects.get_for_language("en")
    first.language_code = "changed"
    assert Locale.objects.get_for_language("en").language_code == "en"
