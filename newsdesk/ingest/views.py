"""Admin views for wire ingest: what each run of a source decided, item by item."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.selectors import ingest_runs_for_source

VIEW_SOURCES = "ingest.change_ingestsource"


@permission_required(VIEW_SOURCES, raise_exception=True)
def source_runs(request, pk: int):
    source = get_object_or_404(IngestSource, pk=pk)
    return render(
        request,
        "ingest/admin/source_runs.html",
        {
            "source": source,
            "runs": ingest_runs_for_source(source=source),
            "edit_url": reverse("wagtailsnippets_ingest_ingestsource:edit", args=[source.pk]),
        },
    )
