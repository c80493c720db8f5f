"""Editors review reader contributions as Wagtail snippets, through the workflow."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.contributions.demo import demo_contributions_load
from newsdesk.contributions.feeds import feed_source_contributions
from newsdesk.contributions.models import Submission, SubmissionPhoto
from newsdesk.contributions.panels import ContributorHistoryPanel
from newsdesk.contributions.review import contribution_review_ensure
from newsdesk.contributions.selectors import contributor_public_paths, submission_status
from newsdesk.core.hooks import (
    ACCOUNT_ERASE,
    BASELINE_STEPS,
    DEMO_LOADERS,
    FEED_SOURCES,
    PROFILE_PURGE_PATHS,
    USER_DATA_EXPORT,
)
from newsdesk.images.models import CustomImage


class StatusColumn(Column):
    def get_value(self, instance):
        status = submission_status(submission=instance)
        if status.reason:
            return f"{status.label}: {status.reason}"
        return status.label


class ContributorColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> (@{})',
            instance.contributor.get_absolute_url(),
            instance.contributor.shown_name,
            instance.contributor.username,
        )


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "group"
    menu_label = _("Reader contributions")
    menu_name = "reader-contributions"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "title",
        "kind",
        ContributorColumn("contributor", label=_("Contributor")),
        StatusColumn("status", label=_("Review status")),
        "submitted_at",
    ]
    list_filter = ["kind", "live"]
    search_fields = ["title", "body", "place"]
    ordering = ["-submitted_at", "-created_at"]
    inspect_view_enabled = True
    # The edit form lives here, not on the model: its history panel reads selectors,
    # which read the models.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("contributor", read_only=True),
                FieldPanel("rights_confirmed", read_only=True),
            ],
            heading=_("From the reader"),
        ),
        FieldPanel("title"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("happened_on")], heading=_("Where and when")
        ),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo")),
        FieldPanel("news_in_pictures"),
        ContributorHistoryPanel(heading=_("The contributor's history")),
    ]

    def get_queryset(self, request):
        return Submission.objects.select_related("contributor").prefetch_related(
            "workflow_states__task_states"
        )


register_snippet(SubmissionViewSet)


def _iso(value):
    return value.isoformat() if value else None


@hooks.register(USER_DATA_EXPORT)
def contributions_export(*, user):
    """Every story and set of pictures the reader sent, with its status and photos."""
    submissions = (
        Submission.objects.filter(contributor__user=user)
        .prefetch_related("photos__image")
        .order_by("pk")
    )
    return {
        "submissions": [
            {
                "id": s.pk,
                "kind": s.kind,
                "title": s.title,
                "body": s.body,
                "place": s.place,
                "happened_on": _iso(s.happened_on),
                "status": submission_status(submission=s).code,
                "created_at": _iso(s.created_at),
                "submitted_at": _iso(s.submitted_at),
                "photos": [
                    {
                        "caption": p.caption,
                        "place": p.place,
                        "taken_on": _iso(p.taken_on),
                        "file": p.image.file.url,
                    }
                    for p in s.photos.all()
                ],
            }
            for s in submissions
        ]
    }


# Before the profile's eraser (order 100), which detaches the profile from the user.
@hooks.register(ACCOUNT_ERASE, order=10)
def contributions_erase(*, user):
    """Unpublished submissions and their photos go; published ones stay, as the delete
    screen says, under the username the profile keeps."""
    unpublished = Submission.objects.filter(contributor__user=user, live=False)
    image_ids = list(
        SubmissionPhoto.objects.filter(submission__in=unpublished).values_list(
            "image_id", flat=True
        )
    )
    for submission in unpublished:
        submission.delete()
    for image in CustomImage.objects.filter(pk__in=image_ids):
        image.delete()


@hooks.register(FEED_SOURCES)
def contributions_feed_sources():
    return {"contributions": feed_source_contributions}


@hooks.register(BASELINE_STEPS, order=20)
def contributions_baseline(*, apps):
    contribution_review_ensure(apps)


@hooks.register(DEMO_LOADERS, order=10)
def contributions_demo(*, password):
    demo_contributions_load(password=password)


@hooks.register(PROFILE_PURGE_PATHS)
def contributor_pages_to_purge(profile):
    """A contributor's new name must show on their stories' bylines and in User Galleries."""
    return contributor_public_paths(profile=profile)
