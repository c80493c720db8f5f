import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.authors.models import Author
from newsdesk.authors.tests.factories import author_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(
        username="chief", email="chief@example.com", password="pw"
    )
    client.force_login(user)
    return client


def test_editor_adds_an_author_with_a_link_in_the_admin(admin_client, home_page):
    url = reverse("wagtailsnippets_authors_author:add")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "name": "Jane Doe",
            "slug": "jane-doe",
            "role": "Political editor",
            "bio": "Covers Parliament.",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-label": "Website",
            "links-0-url": "https://example.org/jane",
            "links-0-ORDER": "1",
            "links-0-DELETE": "",
            "links-0-id": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get()
    assert author.role == "Political editor"
    assert [(link.label, link.url) for link in author.links.all()] == [
        ("Website", "https://example.org/jane")
    ]


def test_article_editor_offers_the_authors_inline(admin_client, section):
    author_factory(name="Jane Doe")
    article = article_factory(section=section)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    assert "article_authors-TOTAL_FORMS" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).authors == []
