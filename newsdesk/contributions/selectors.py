"""Reads of reader contributions: statuses, the contributor's view, User Galleries, feeds."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from wagtail.models import Site, TaskState, WorkflowState

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_cards
from newsdesk.caching.services import site_relative_path
from newsdesk.contributions.models import PublishedContribution, Submission, SubmissionPhoto
from newsdesk.galleries.selectors import gallery_list_published
from newsdesk.profiles.usernames import username_key


class Status:
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    DECLINED = "declined"
    PUBLISHED = "published"


STATUS_LABELS = {
    Status.DRAFT: "Draft: not sent yet",
    Status.IN_REVIEW: "With the editors",
    Status.DECLINED: "Not accepted",
    Status.PUBLISHED: "Published",
}


@dataclass(frozen=True)
class StatusInfo:
    code: str
    reason: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]


def _workflow_states_prefetch() -> Prefetch:
    return Prefetch(
        "workflow_states",
        queryset=WorkflowState.objects.order_by("-created_at").prefetch_related(
            Prefetch(
                "task_states",
                queryset=TaskState.objects.filter(status=TaskState.STATUS_REJECTED).order_by(
                    "-finished_at"
                ),
                to_attr="rejections",
            )
        ),
        to_attr="newest_workflow_states",
    )


def submission_status(*, submission: Submission) -> StatusInfo:
    """Where a submission stands, read from Wagtail's own draft and workflow state."""
    if submission.live:
        return StatusInfo(Status.PUBLISHED)
    states = getattr(submission, "newest_workflow_states", None)
    if states is None:
        states = list(
            submission.workflow_states.order_by("-created_at").prefetch_related(
                Prefetch(
                    "task_states",
                    queryset=TaskState.objects.filter(status=TaskState.STATUS_REJECTED).order_by(
                        "-finished_at"
                    ),
                    to_attr="rejections",
                )
            )[:1]
        )
    state = states[0] if states else None
    if state is None or state.status == WorkflowState.STATUS_CANCELLED:
        return StatusInfo(Status.DRAFT)
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        reason = state.rejections[0].comment if state.rejections else ""
        return StatusInfo(Status.DECLINED, reason=reason)
    return StatusInfo(Status.IN_REVIEW)


@dataclass(frozen=True)
class ContributorRow:
    submission: Submission
    status: StatusInfo
    publication: PublishedContribution | None


def submission_list_for_contributor(*, profile) -> list[ContributorRow]:
    """The reader's own submissions, newest first, with status and reasons (4 queries)."""
    submissions = (
        Submission.objects.filter(contributor=profile)
        .select_related("publication__article")
        .annotate(photo_count=Count("photos"))
        .prefetch_related(_workflow_states_prefetch())
        .order_by("-updated_at")
    )
    rows = []
    for submission in submissions:
        try:
            publication = submission.publication
        except PublishedContribution.DoesNotExist:
            publication = None
        rows.append(
            ContributorRow(
                submission=submission,
                status=submission_status(submission=submission),
                publication=publication,
            )
        )
    return rows


def publication_list_for_profile(*, profile) -> QuerySet[PublishedContribution]:
    return (
        PublishedContribution.objects.public()
        .filter(contributor=profile)
        .select_related("submission", "article")
        .annotate(photo_count=Count("submission__photos"))
        .order_by("-published_at")
    )


def contributor_public_paths(*, profile) -> list[tuple[Site, str]]:
    """Public pages that show this contributor's name: their community stories (the byline
    links to the profile) and, when they have pictures, User Galleries and Multimedia on
    every site. One query per story for its site; a reader rarely has more than a few."""
    pairs: list[tuple[Site, str]] = []
    publications = list(publication_list_for_profile(profile=profile))
    for publication in publications:
        if publication.article is not None:
            site, path = site_relative_path(page=publication.article)
            if site is not None and path is not None:
                pairs.append((site, path))
    if any(publication.article_id is None for publication in publications):
        gallery_paths = [
            reverse("contributions:reader_gallery"),
            reverse("contributions:multimedia"),
        ]
        pairs += [(site, path) for site in Site.objects.all() for path in gallery_paths]
    return pairs


def publication_for_article(*, article) -> PublishedContribution | None:
    return (
        PublishedContribution.objects.filter(article=article).select_related("contributor").first()
    )


def reader_photo_list(*, place: str = "", contributor: str = "") -> QuerySet[SubmissionPhoto]:
    """Approved reader pictures for User Galleries, newest first."""
    photos = (
        SubmissionPhoto.objects.filter(
            submission__live=True, submission__kind=Submission.Kind.PICTURES
        )
        .select_related("image", "submission__contributor")
        .prefetch_related("image__renditions")
        .order_by("-submission__first_published_at", "-submission_id", "sort_order")
    )
    if place:
        photos = photos.filter(Q(place__iexact=place) | Q(submission__place__iexact=place))
    if contributor:
        photos = photos.filter(
            submission__contributor__username_key=username_key(contributor),
            submission__contributor__user__isnull=False,
        )
    return photos


def reader_photo_places(*, limit: int = 20) -> list[str]:
    """The places readers photographed most, for the User Galleries filter."""
    rows = (
        SubmissionPhoto.objects.filter(
            submission__live=True, submission__kind=Submission.Kind.PICTURES
        )
        .exclude(place="")
        .values("place")
        .annotate(n=Count("id"))
        .order_by("-n", "place")[:limit]
    )
    return [row["place"] for row in rows]


def publication_list_for_feed(*, limit: int = 30) -> QuerySet[PublishedContribution]:
    return (
        PublishedContribution.objects.public()
        .select_related("submission", "contributor", "article")
        .order_by("-published_at")[:limit]
    )


def contributor_history(*, submission: Submission) -> list[ContributorRow]:
    """The contributor's other submissions, for editors reviewing this one."""
    return [
        row
        for row in submission_list_for_contributor(profile=submission.contributor)
        if row.submission.pk != submission.pk
    ]


def page_size() -> int:
    return settings.NEWSDESK_CONTRIBUTIONS_PAGE_SIZE


def _has_video(article) -> bool:
    return any(block.get("type") == "embed" for block in article.body.raw_data or [])


def multimedia_listing(*, site_root, request, scan: int = 300, limit: int = 24) -> dict:
    """Video (stories with embedded media) and galleries, newest first.

    Embeds live inside the StreamField, which the databases store differently, so the
    newest ``scan`` stories are checked here: a fixed cost whatever the archive's size.
    """
    recent = ArticlePage.objects.published().descendant_of(site_root).newest_first()
    video_ids = [a.pk for a in recent.only("id", "body")[:scan] if _has_video(a)][:limit]
    videos = (
        ArticlePage.objects.filter(pk__in=video_ids).newest_first().for_cards() if video_ids else []
    )
    return {
        "videos": article_cards(articles=videos, request=request),
        "galleries": gallery_list_published(site_root=site_root, limit=limit),
        "reader_photos": list(reader_photo_list()[:8]),
    }
