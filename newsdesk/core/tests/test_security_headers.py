import pytest

from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers(client, section):
    article = article_factory(section=section)
    response = client.get(article.url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_is_left_out_of_the_csp_but_not_out_of_framing_protection(client, db):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


def test_uploaded_media_can_never_run_as_a_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evil.html").write_text("<script>alert(1)</script>")
    from django.test import RequestFactory

    from newsdesk.core.views import media

    response = media(RequestFactory().get("/media/evil.html"), "evil.html")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
