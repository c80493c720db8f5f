"""Background work for newsletters, run by the django-tasks worker (``newsdesk run_worker``)."""

from django_tasks import task

from newsdesk.newsletters.sending import issue_send


@task()
def newsletter_issue_send(issue_id: int) -> int:
    """Send an issue's pending mail; safe to run twice or alongside another sender."""
    return issue_send(issue_id=issue_id)
