"""The API docs linked from every footer render under the site's own CSP, offline."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_api_docs_render_from_local_assets_under_the_csp(live_site, page):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_site.url) and not request.url.startswith("data:")
            else None
        ),
    )
    response = page.goto(live_site.url + "/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI draws the operations from the schema: a blank page never gets here.
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock-summary-path").count() > 0
    assert outside == []
    assert page.console_errors == []
