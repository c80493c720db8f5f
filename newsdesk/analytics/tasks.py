"""Background work for most read, run by the django-tasks worker."""

from django_tasks import task

from newsdesk.analytics.services import most_read_rebuild_all


@task()
def most_read_refresh() -> int:
    """Rebuild every site's 24-hour most-read list from the counted reads."""
    return most_read_rebuild_all()
