import pytest
from wagtail.models import Site

from newsdesk.network.models import SiteSettings


@pytest.fixture
def sites_speak(settings):
    """Set every site's language as an editor does (Settings → Site settings).

    A request's language is the site's (``SiteLanguageMiddleware``), whatever the test
    has activated, so the checks choose it where readers get it from.
    """

    def speak(code: str) -> None:
        if code not in dict(settings.LANGUAGES):
            settings.LANGUAGES = [*settings.LANGUAGES, (code, code)]
        for site in Site.objects.all():
            row = SiteSettings.for_site(site)
            row.language = code
            row.save()

    return speak
