"""Background work for ingest, run by the django-tasks worker."""

from django_tasks import task

from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.wire_services import ingest_source_run


@task()
def ingest_source_poll(source_id: int) -> str:
    """Fetch and import one wire source; returns the summary line."""
    source = IngestSource.objects.select_related("section").filter(pk=source_id).first()
    if source is None or not source.active:
        return "skipped: source gone or inactive"
    return ingest_source_run(source=source).summary()
