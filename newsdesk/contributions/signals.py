"""Reactions to Wagtail events on submissions (connected in ``apps.ready``)."""

from newsdesk.contributions.models import Submission
from newsdesk.contributions.services import submission_publish


def on_submission_published(sender, instance, revision=None, **kwargs):
    """The workflow (or an editor) published a submission: make it public on the site."""
    # The instance was rebuilt from the revision; read its photos from the database.
    submission_publish(submission=Submission.objects.get(pk=instance.pk))
