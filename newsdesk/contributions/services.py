"""Writes on reader contributions: saving drafts, sending to editors, publishing.

Every reader photo goes through ``images.uploads.sanitise_image_upload`` before anything
is stored; a refusal of any file or field stores nothing of the submission. Before any
photo is decoded, the pixels of all of them (read from their headers) must fit in
``NEWSDESK_UPLOAD_REQUEST_MAX_PIXELS``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.models import Collection, Site, TaskState, WorkflowState

from newsdesk.articles.services import article_create
from newsdesk.contributions.models import PublishedContribution, Submission, SubmissionPhoto
from newsdesk.contributions.selectors import Status, submission_status
from newsdesk.galleries.models import GalleryPhoto
from newsdesk.images.models import CustomImage
from newsdesk.images.uploads import (
    SanitisedImage,
    UploadRejected,
    image_header_pixels,
    sanitise_image_upload,
)
from newsdesk.profiles.services import profile_purge
from newsdesk.sanctions.models import Sanction
from newsdesk.sanctions.selectors import sanction_active_for
from newsdesk.sections.models import HomePage, SectionPage

logger = logging.getLogger(__name__)

TOO_SHORT = _(
    "Your story has {count} {words}. Contributions of {minimum} words or more will be "
    "considered for publication, so that a story tells readers what happened, where and "
    "to whom. Add at least {missing} more {missing_words}, or save it as a draft and "
    "finish it later."
)
TITLE_REQUIRED = _("Give your contribution a headline.")
RIGHTS_REQUIRED = _(
    "Please confirm that this is your own work and that we may publish it: we can only "
    "publish what you have the right to give us."
)
NO_PHOTOS = _("Add at least one photo.")
CAPTION_REQUIRED = _("Add a caption to {name}: say what the photo shows.")
TOO_MANY_PHOTOS = _("You can send at most {limit} photos with one contribution.")
TOO_MANY_PIXELS_IN_ALL = _(
    "Together your photos have {total} million pixels; one contribution can have at most "
    "{limit} million. Nothing was saved: send fewer photos, or smaller ones."
)
NOT_EDITABLE = _(
    "This contribution is with the editors or already published, so it cannot be changed."
)
NO_WORKFLOW = _(
    "Contributions cannot be sent right now: the editors' review is switched off. "
    "Your draft is saved."
)
SANCTIONED = _("You cannot send contributions at the moment: {reason}")
SANCTIONED_UNTIL = _("You cannot send contributions until {until}: {reason}")
HIDDEN_CODE = (
    "{name} has web page code hidden inside the picture, so we cannot accept it. "
    "Send the photo as it came from your camera or phone."
)
READER_COLLECTION = "Reader contributions"
# Markup that has no business inside a photo: a PNG/HTML or JPEG/HTML polyglot carries it
# so that a browser sniffing the bytes would run it. Re-encoding would drop it anyway; a
# reader's upload that carries it is refused outright.
MARKUP = re.compile(rb"<\s*(?:script|html|svg|iframe|body|object|embed|\?php)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PhotoInput:
    file: object
    caption: str
    place: str = ""
    taken_on: date | None = None


@dataclass(frozen=True)
class _CleanPhoto:
    image: SanitisedImage
    caption: str
    place: str
    taken_on: date | None


def words(n: int) -> str:
    return ngettext("word", "words", n)


def too_short_message(count: int) -> str:
    minimum = settings.NEWSDESK_CONTRIBUTIONS_MIN_WORDS
    missing = minimum - count
    return TOO_SHORT.format(
        count=count,
        words=words(count),
        minimum=minimum,
        missing=missing,
        missing_words=words(missing),
    )


def _millions(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}"


def _pixel_budget_error(photos: list[PhotoInput]) -> str | None:
    """Refuse the whole request from the files' headers, before any of them is decoded:
    decoding is what costs a worker seconds and hundreds of MB per large photo."""
    budget = settings.NEWSDESK_UPLOAD_REQUEST_MAX_PIXELS
    sizes = [image_header_pixels(photo.file) for photo in photos]
    # A file over the per-photo cap is refused by name, also from its header alone.
    total = sum(size for size in sizes if size <= settings.NEWSDESK_UPLOAD_MAX_PIXELS)
    if total > budget:
        return TOO_MANY_PIXELS_IN_ALL.format(total=_millions(total), limit=_millions(budget))
    return None


def _clean_photos(photos: list[PhotoInput]) -> tuple[list[_CleanPhoto], list[str]]:
    budget_error = _pixel_budget_error(photos)
    if budget_error:
        return [], [budget_error]
    cleaned, errors = [], []
    for photo in photos:
        name = (getattr(photo.file, "name", "") or "The photo").rsplit("/", 1)[-1][:80]
        try:
            image = sanitise_image_upload(photo.file)
            if _has_markup(photo.file):
                raise UploadRejected(HIDDEN_CODE.format(name=name))
        except UploadRejected as error:
            errors.append(str(error))
            continue
        if not photo.caption.strip():
            errors.append(CAPTION_REQUIRED.format(name=name))
            continue
        cleaned.append(
            _CleanPhoto(
                image=image,
                caption=photo.caption.strip(),
                place=photo.place.strip(),
                taken_on=photo.taken_on,
            )
        )
    return cleaned, errors


def _has_markup(uploaded) -> bool:
    """Scan the raw upload (already size-checked by the sanitiser) in overlapping chunks."""
    uploaded.seek(0)
    tail = b""
    while chunk := uploaded.read(1024 * 1024):
        if MARKUP.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def reader_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=READER_COLLECTION).first()
    return existing or root.add_child(name=READER_COLLECTION)


def contributor_credit(profile) -> str:
    return f"{profile.shown_name}, reader"


def submission_is_editable_by_reader(submission: Submission) -> bool:
    """Drafts and contributions the editors sent back may change; the rest may not."""
    return submission_status(submission=submission).code in (Status.DRAFT, Status.DECLINED)


def _refuse_if_sanctioned(*, contributor, site: Site | None) -> None:
    """Refuse a reader under a timeout, a network ban, or a ban on either site involved.

    Contributions are published on the default site (its community section and User
    Galleries), whichever site the reader sends them from: a ban there applies, and so
    does a ban on the site the form was sent on, so another site's host dodges neither.
    """
    sites = {site, Site.objects.filter(is_default_site=True).first()} - {None}
    for candidate in sites or {None}:
        sanction = sanction_active_for(user=contributor.user, site=candidate)
        if sanction is None:
            continue
        if sanction.kind == Sanction.Kind.TIMEOUT:
            until = timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
            raise ValidationError(SANCTIONED_UNTIL.format(until=until, reason=sanction.reason))
        raise ValidationError(SANCTIONED.format(reason=sanction.reason))


def submission_save(
    *,
    contributor,
    kind: str,
    title: str,
    body: str = "",
    place: str = "",
    happened_on: date | None = None,
    rights_confirmed: bool = False,
    photos: Sequence[PhotoInput] = (),
    remove_photo_ids: Sequence[int] = (),
    submission: Submission | None = None,
    send: bool = False,
    site: Site | None = None,
) -> Submission:
    """Save a reader's draft, or send it to the editors when ``send``.

    ``site`` is the site the reader sends from (the default site's rules always apply).
    Raises ``ValidationError`` with every problem found, reader-facing, and stores
    nothing: photos are checked in memory first and files written only after that.
    A sanctioned reader is refused before anything else is looked at.
    """
    _refuse_if_sanctioned(contributor=contributor, site=site)
    if submission is not None and not submission_is_editable_by_reader(submission):
        raise ValidationError(NOT_EDITABLE)
    errors: list[str | Promise] = []
    if not title.strip():
        errors.append(TITLE_REQUIRED)
    kept = 0
    if submission is not None:
        kept = submission.photos.exclude(pk__in=remove_photo_ids).count()
    if kept + len(photos) > settings.NEWSDESK_CONTRIBUTIONS_MAX_PHOTOS:
        errors.append(TOO_MANY_PHOTOS.format(limit=settings.NEWSDESK_CONTRIBUTIONS_MAX_PHOTOS))
        photos = []
    cleaned, photo_errors = _clean_photos(list(photos))
    errors.extend(photo_errors)
    if send:
        if kind == Submission.Kind.STORY:
            count = Submission(body=body).word_count
            if count < settings.NEWSDESK_CONTRIBUTIONS_MIN_WORDS:
                errors.append(too_short_message(count))
        elif kept + len(cleaned) == 0 and not photo_errors:
            errors.append(NO_PHOTOS)
        if not rights_confirmed:
            errors.append(RIGHTS_REQUIRED)
    if errors:
        raise ValidationError(errors)

    written: list[str] = []
    try:
        return _submission_write(
            contributor=contributor,
            kind=kind,
            fields={
                "title": title.strip(),
                "body": body.strip(),
                "place": place.strip(),
                "happened_on": happened_on,
                "rights_confirmed": rights_confirmed,
            },
            photos=cleaned,
            remove_photo_ids=list(remove_photo_ids),
            submission=submission,
            send=send,
            written=written,
        )
    except BaseException:
        # The transaction rolled back the rows; files are not transactional, so remove them.
        for name in written:
            default_storage.delete(name)
        raise


@transaction.atomic
def _submission_write(
    *, contributor, kind, fields, photos, remove_photo_ids, submission, send, written
) -> Submission:
    user = contributor.user
    created = submission is None
    if created:
        submission = Submission(contributor=contributor, kind=kind, live=False)
    for name, value in fields.items():
        setattr(submission, name, value)
    if send:
        submission.submitted_at = timezone.now()
    submission.full_clean()
    submission.save()
    if created:
        log(instance=submission, action="wagtail.create", user=user)
    if remove_photo_ids:
        submission.photos.filter(pk__in=remove_photo_ids).delete()
    if photos:
        collection = reader_collection()
        order = submission.photos.count()
        for photo in photos:
            image = CustomImage(
                title=photo.caption[:255],
                caption=photo.caption,
                description=photo.caption,
                credit=contributor_credit(contributor),
                collection=collection,
                uploaded_by_user=user,
                file=photo.image.as_file(stem="reader"),
            )
            image.full_clean()
            image.save()
            written.append(image.file.name)
            SubmissionPhoto.objects.create(
                submission=submission,
                image=image,
                caption=photo.caption,
                place=photo.place,
                taken_on=photo.taken_on,
                sort_order=order,
            )
            order += 1
    # Reload the photos so the revision records the submission as it now is.
    submission = Submission.objects.get(pk=submission.pk)
    submission.save_revision(user=user, log_action=True)
    if send:
        _send_for_review(submission=submission, user=user)
    return submission


def _send_for_review(*, submission: Submission, user) -> None:
    state = submission.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)  # the reader revised it after the editors sent it back
        return
    workflow = submission.get_workflow()
    if workflow is None:
        raise ValidationError(NO_WORKFLOW)
    workflow.start(submission, user)


# --- publication: reacting to the editors' approval ------------------------------------


def _approver(submission: Submission):
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type__model="submission",
            workflow_state__object_id=str(submission.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    return state.finished_by if state else None


def community_section_ensure(*, home=None):
    """The community section ("MyNews") under the default site's home page."""
    from wagtail.models import Site

    if home is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page if site else HomePage.objects.first()
    slug = settings.NEWSDESK_CONTRIBUTIONS_SECTION_SLUG
    section = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if section is None:
        section = SectionPage(
            title=settings.NEWSDESK_CONTRIBUTIONS_SECTION_TITLE,
            slug=slug,
            show_in_menus=True,
            intro=(
                "Stories by our readers. Contributions of "
                f"{settings.NEWSDESK_CONTRIBUTIONS_MIN_WORDS} words or more are considered "
                "for publication; our editors decide what is published."
            ),
        )
        home.add_child(instance=section)
        section.save_revision(log_action=True).publish()
    return section


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\n+", text or "") if line.strip()]


STANDFIRST_WORDS = 40


def _standfirst(text: str) -> str:
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return ""
    return Truncator(paragraphs[0]).words(STANDFIRST_WORDS, truncate="…")[:400]


def _article_fields(submission: Submission) -> dict:
    photos = list(submission.photos.select_related("image").order_by("sort_order"))
    body: list[dict[str, Any]] = [
        {"type": "paragraph", "value": f"<p>{escape(p)}</p>"} for p in _paragraphs(submission.body)
    ]
    for photo in photos[1:]:
        body.append(
            {
                "type": "image",
                "value": {"image": photo.image.pk, "caption": photo.caption, "credit": ""},
            }
        )
    return {
        "title": submission.title,
        "dateline": submission.place[:100],
        "byline": submission.contributor.shown_name[:200],
        # Feeds and search engines show the standfirst; a reader's story has none, so its
        # opening words stand in (issue #14: empty summary in the MyNews feeds).
        "summary": _standfirst(submission.body),
        "lead_image": photos[0].image if photos else None,
        "lead_image_caption": photos[0].caption if photos else "",
        "body": body,
    }


@transaction.atomic
def submission_publish(*, submission: Submission) -> PublishedContribution:
    """Make an approved submission public: a community article for a story; pictures
    join User Galleries (and a News in Pictures gallery when the editor chose one)."""
    user = _approver(submission)
    publication = PublishedContribution.objects.filter(submission=submission).first()
    if submission.kind == Submission.Kind.STORY:
        fields = _article_fields(submission)
        article = publication.article if publication else None
        if article is None:
            article = article_create(
                section=community_section_ensure(), publish=True, user=user, **fields
            )
        else:
            for name, value in fields.items():
                setattr(article, name, value)
            article.save_revision(user=user, log_action=True).publish(user=user)
    else:
        article = None
        if submission.news_in_pictures_id and publication is None:
            _add_to_news_in_pictures(submission=submission, user=user)
    if publication is None:
        publication = PublishedContribution(
            submission=submission,
            contributor=submission.contributor,
            article=article,
            published_at=timezone.now(),
        )
        publication.full_clean()
        publication.save()
    elif publication.article_id != (article.pk if article else None):
        publication.article = article
        publication.save(update_fields=["article"])
    # The story's own publish purged the story, its section and the homepage; the
    # contributor's profile lists it too, and User Galleries show new pictures.
    profile_purge(profile=submission.contributor)
    return publication


def _add_to_news_in_pictures(*, submission: Submission, user) -> None:
    if submission.news_in_pictures is None:
        return
    gallery = submission.news_in_pictures.specific
    order = gallery.photos.count()
    for photo in submission.photos.select_related("image").order_by("sort_order"):
        gallery.photos.add(
            GalleryPhoto(
                image=photo.image,
                caption=photo.caption,
                credit=photo.image.credit,
                sort_order=order,
            )
        )
        order += 1
    gallery.save_revision(user=user, log_action=True).publish(user=user)


@transaction.atomic
def publication_count_view(*, publication_id: int) -> None:
    from django.db.models import F

    PublishedContribution.objects.filter(pk=publication_id).update(views=F("views") + 1)
