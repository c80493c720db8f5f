"""Reads for wire ingest: a source's recent runs and what was decided for each item."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from newsdesk.ingest.models import IngestDecision, IngestRun, IngestSource

RUNS_SHOWN = 10


def ingest_runs_for_source(*, source: IngestSource, limit: int = RUNS_SHOWN) -> QuerySet:
    """The source's latest runs, newest first, each with its decisions in document order."""
    decisions = IngestDecision.objects.select_related("article").order_by("position")
    return (
        IngestRun.objects.filter(source=source)
        .order_by("-started_at", "-pk")
        .prefetch_related(Prefetch("decisions", queryset=decisions))[:limit]
    )
