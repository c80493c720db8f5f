import pytest
from django.utils import translation

from newsdesk.network.models import SiteSettings
from newsdesk.newsletters import rendering

pytestmark = pytest.mark.django_db


def test_issues_and_alerts_are_in_the_sites_language_whatever_the_senders_is(
    site, daily, breaking, stories
):
    SiteSettings.objects.update_or_create(site=site, defaults={"language": "af"})
    with translation.override("en"):
        issue = rendering.issue_render(newsletter=daily)
        alert = rendering.alert_render(newsletter=breaking, article=stories[0])
    assert issue is not None
    assert "Jou Morning Briefing vir" in issue.text
    assert alert.subject == "Nuusflits: Story 1"
    assert "Nuusflits van Breaking." in alert.text
    assert translation.get_language() != "af"  # the override ended with the render
