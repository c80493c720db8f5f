import pytest

from newsdesk.tags.naming import tag_name_cased
from newsdesk.tags.services import tag_get_or_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("chuck hagel", "Chuck Hagel"),
        ("us", "US"),
        ("north korea nuclear programme", "North Korea Nuclear Programme"),
        ("bank of japan", "Bank of Japan"),
        ("anc", "ANC"),
        ("kwazulu-natal", "Kwazulu-Natal"),
        ("iPhone", "iPhone"),  # any capital: the source knew how to write it
        ("Shinzo Abe", "Shinzo Abe"),
    ],
)
def test_lower_case_tag_names_get_their_capitals(given, stored):
    assert tag_name_cased(given) == stored


def test_a_tag_is_stored_cased_and_found_again_in_any_case():
    tag = tag_get_or_create(name="chuck  hagel")
    assert tag.name == "Chuck Hagel" and tag.slug == "chuck-hagel"
    assert tag_get_or_create(name="CHUCK HAGEL").pk == tag.pk
