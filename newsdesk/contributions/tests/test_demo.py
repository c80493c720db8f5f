import pytest

from newsdesk.contributions.models import PublishedContribution, Submission
from newsdesk.contributions.selectors import Status, submission_status
from newsdesk.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_demo_fills_user_galleries_and_the_community_section(client):
    demo_load()
    statuses = sorted(submission_status(submission=s).code for s in Submission.objects.all())
    assert statuses.count(Status.PUBLISHED) == 5
    assert Status.IN_REVIEW in statuses and Status.DECLINED in statuses
    gallery = client.get("/galleries/readers/").content.decode()
    assert gallery.count('<li id="photo-') == 6
    story = PublishedContribution.objects.exclude(article=None).get().article
    assert story.get_parent().slug == "mynews"
    assert "Lindiwe Khumalo" in client.get(story.url).content.decode()
    assert client.get("/mynews/").status_code == 200
