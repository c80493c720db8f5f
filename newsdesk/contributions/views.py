"""Reader-facing views: sending stories and pictures, the contributor's own list,
User Galleries and Multimedia (public, the same bytes for everyone)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from wagtail.models import Site

from newsdesk.contributions import selectors, services
from newsdesk.contributions.forms import ACCEPT, PicturesForm, StoryForm, photo_formset
from newsdesk.contributions.models import Submission
from newsdesk.contributions.stats import stats_for_publications
from newsdesk.core.beacons import beacon_count_once_today, beacon_rate_limited, beacon_too_many
from newsdesk.core.ratelimit import rate_limit_consume
from newsdesk.profiles.decorators import profile_required

REQUEST_TOO_LARGE = _(
    "Your upload is {size} MB; one contribution can be at most {limit} MB in all. "
    "Nothing was saved: send fewer or smaller photos."
)
UPLOADS_RATE_LIMITED = _(
    "You have sent a lot in a short time. Nothing was saved: please wait a while and try again."
)
DRAFT_SAVED = _("Draft saved. You can finish it later from “My contributions”.")
PHOTO_TOO_BIG = "{name} is larger than {limit} MB: choose a smaller photo."
PHOTO_WRONG_TYPE = "{name} is not a JPEG, PNG or WebP photo."
CHOOSE_AGAIN = _(
    "Browsers cannot keep a chosen photo when a form comes back, so choose {names} again "
    "before you send. Everything else you typed is still here."
)
SENT = _(
    "Thank you! Your contribution is with our editors. We will tell you here what they decide."
)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def refuse_large_bodies(view):
    """Refuse an oversized upload from its Content-Length, before Django reads the body.

    CSRF's middleware would parse the body to find its token, so the check runs first
    and CSRF protection is applied inside it instead.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.NEWSDESK_CONTRIBUTIONS_MAX_REQUEST_BYTES
            if length > limit:
                message = REQUEST_TOO_LARGE.format(size=_mb(length), limit=_mb(limit))
                response = render(
                    request, "contributions/refused.html", {"message": message}, status=413
                )
                # The unread body must not be taken for the next request on this connection.
                response["Connection"] = "close"
                return response
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def limit_submissions(*, every_post: bool):
    """A per-reader limit on submissions, through allauth's rate limiter (the one sign-in
    uses; shared by every process once REDIS_URL is set), with the rates in
    ``ACCOUNT_RATE_LIMITS["contribution_submit"]``. ``every_post``: each POST is a
    submission; otherwise only a POST that carries photos or sends the contribution
    counts (saving a draft's text costs nothing). Checked after CSRF and before any
    photo is looked at; a refusal stores nothing."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            counts = request.method == "POST" and (
                every_post or bool(request.FILES) or request.POST.get("action") == "send"
            )
            if counts:
                retry_after = rate_limit_consume(
                    request, action="contribution_submit", user=request.user
                )
                if retry_after is not None:
                    response = render(
                        request,
                        "contributions/refused.html",
                        {"message": UPLOADS_RATE_LIMITED},
                        status=429,
                    )
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _photo_inputs(formset) -> list[services.PhotoInput]:
    inputs = []
    for form in formset:
        data = form.cleaned_data if form.is_valid() else {}
        if data.get("file"):
            inputs.append(
                services.PhotoInput(
                    file=data["file"],
                    caption=data.get("caption", ""),
                    place=data.get("place", ""),
                    taken_on=data.get("taken_on"),
                )
            )
    return inputs


@never_cache
@refuse_large_bodies
@profile_required
@limit_submissions(every_post=False)
def story(request, pk: int | None = None):
    submission = None
    if pk is not None:
        submission = get_object_or_404(
            Submission, pk=pk, contributor=request.profile, kind=Submission.Kind.STORY
        )
        if not services.submission_is_editable_by_reader(submission):
            return redirect("contributions:mine")
    Photos = photo_formset(extra=2)
    errors: list[str] = []
    if request.method == "POST":
        form = StoryForm(request.POST)
        formset = Photos(request.POST, request.FILES, prefix="photos")
        if form.is_valid() and formset.is_valid():
            send = request.POST.get("action") == "send"
            try:
                saved = services.submission_save(
                    contributor=request.profile,
                    kind=Submission.Kind.STORY,
                    submission=submission,
                    photos=_photo_inputs(formset),
                    remove_photo_ids=[
                        int(x) for x in request.POST.getlist("remove") if x.isdigit()
                    ],
                    send=send,
                    site=Site.find_for_request(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, SENT if send else DRAFT_SAVED)
                if send:
                    return redirect("contributions:mine")
                return redirect("contributions:edit", pk=saved.pk)
    else:
        initial = {}
        if submission is not None:
            initial = {
                name: getattr(submission, name)
                for name in ("title", "body", "place", "happened_on", "rights_confirmed")
            }
        form = StoryForm(initial=initial)
        formset = Photos(prefix="photos")
    status = selectors.submission_status(submission=submission) if submission else None
    return render(
        request,
        "contributions/story_form.html",
        {
            "form": form,
            "formset": formset,
            "errors": errors,
            "submission": submission,
            "status": status,
            "photos": list(submission.photos.select_related("image")) if submission else [],
            "min_words": settings.NEWSDESK_CONTRIBUTIONS_MIN_WORDS,
            "word_count": Submission(body=form["body"].value() or "").word_count,
        },
    )


@never_cache
@refuse_large_bodies
@profile_required
@limit_submissions(every_post=True)
def pictures(request):
    Photos = photo_formset(extra=3)
    errors: list[str] = []
    if request.method == "POST":
        form = PicturesForm(request.POST)
        formset = Photos(request.POST, request.FILES, prefix="photos")
        if form.is_valid() and formset.is_valid():
            try:
                services.submission_save(
                    contributor=request.profile,
                    kind=Submission.Kind.PICTURES,
                    photos=_photo_inputs(formset),
                    send=True,
                    site=Site.find_for_request(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, SENT)
                return redirect("contributions:mine")
    else:
        form = PicturesForm()
        formset = Photos(prefix="photos")
    chosen = _chosen_files(request, formset) if request.method == "POST" else {}
    if chosen:
        errors = [*errors, CHOOSE_AGAIN.format(names=", ".join(chosen.values()))]
    return render(
        request,
        "contributions/pictures_form.html",
        {
            "form": form,
            "formset": formset,
            "errors": errors,
            "chosen": chosen,
            "checks": _client_checks(),
        },
    )


def _chosen_files(request, formset) -> dict[int, str]:
    """The photos the reader had chosen, by form number, to name them on the retry."""
    chosen = {}
    for number, photo_form in enumerate(formset.forms, start=1):
        upload = request.FILES.get(photo_form.add_prefix("file"))
        if upload is not None:
            chosen[number] = upload.name
    return chosen


def _client_checks() -> dict:
    """What contributions.js checks before the photos leave the browser (the server checks
    again): the same rules and words, so a reader rarely has to choose files twice."""
    return {
        "title": services.TITLE_REQUIRED,
        "rights": services.RIGHTS_REQUIRED,
        "photos": services.NO_PHOTOS,
        "caption": services.CAPTION_REQUIRED,
        "max_bytes": settings.NEWSDESK_UPLOAD_MAX_BYTES,
        "too_big": PHOTO_TOO_BIG,
        "types": ACCEPT,
        "wrong_type": PHOTO_WRONG_TYPE,
    }


@never_cache
@profile_required
def mine(request):
    rows = selectors.submission_list_for_contributor(profile=request.profile)
    stats = stats_for_publications([row.publication for row in rows if row.publication])
    return render(
        request,
        "contributions/mine.html",
        {"rows": rows, "stats": stats, "profile": request.profile},
    )


def contribute(request):
    """The public landing page: what we publish and how to send it."""
    return render(
        request,
        "contributions/contribute.html",
        {"min_words": settings.NEWSDESK_CONTRIBUTIONS_MIN_WORDS},
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


READER_GALLERY_DESCRIPTION = _(
    "Pictures sent by our readers and chosen by our editors, newest first."
)


def reader_gallery(request):
    place = request.GET.get("place", "").strip()[:120]
    contributor = request.GET.get("contributor", "").strip()[:30]
    photos = selectors.reader_photo_list(place=place, contributor=contributor)
    page = Paginator(photos, per_page=selectors.page_size()).get_page(request.GET.get("page"))
    return render(
        request,
        "contributions/reader_gallery.html",
        {
            "page_obj": page,
            "photos": page.object_list,
            "place": place,
            "contributor": contributor,
            "places": selectors.reader_photo_places(),
            "query": _query_without_page(request),
            "meta_description": READER_GALLERY_DESCRIPTION,
        },
    )


def multimedia(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site.")
    return render(
        request,
        "contributions/multimedia.html",
        selectors.multimedia_listing(site_root=site.root_page, request=request),
    )


@csrf_exempt
@require_POST
def viewed(request, pk: int):
    """A beacon from a published contribution's page: one more view per reader per day."""
    if beacon_rate_limited(request, group="contribution-view"):
        return beacon_too_many()
    beacon_count_once_today(
        request,
        kind="contribution-view",
        object_id=pk,
        count=lambda: services.publication_count_view(publication_id=pk),
    )
    response = HttpResponse(status=204)
    response["Cache-Control"] = "private, no-store"
    return response
