"""Writes on profiles: claim a username once, edit everything else, set an avatar.

The username is written in exactly one place, ``profile_create``. No other service, form
or API writes it; the Wagtail admin lets only superusers correct it (profiles/forms.py).

Every write that changes what the public profile shows purges ``/people/<username>/`` on
every site, and whatever pages the apps above this one name through the
``PROFILE_PURGE_PATHS`` (a reader's name on their community stories, their
pictures in User Galleries): the cached pages would otherwise keep the old name, bio or
avatar for up to ``s-maxage``.
"""

from __future__ import annotations

import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail import hooks

from newsdesk.caching.services import purge_network_paths, purge_paths
from newsdesk.core.hooks import PROFILE_PURGE_PATHS
from newsdesk.images.uploads import UploadRejected, image_encode_clean, sanitise_image_upload
from newsdesk.profiles.models import Profile
from newsdesk.profiles.selectors import username_looks_taken
from newsdesk.profiles.usernames import (
    LOOKS_LIKE_TAKEN,
    TAKEN,
    username_display,
    username_key,
    username_problem,
)

ALREADY_HAS_PROFILE = _("You already have a profile; its username cannot be changed.")
SIGN_IN_FIRST = _("Please sign in to create a profile.")


class ProfileError(ValidationError):
    """A refusal whose message is shown to the reader as is."""


def profile_purge(*, profile: Profile) -> list[str]:
    """Purge every cached public page that shows this profile (its own page on every site)."""
    purged = set(purge_network_paths(paths=[profile.get_absolute_url()]))
    by_site: dict = {}
    for hook in hooks.get_hooks(PROFILE_PURGE_PATHS):
        for site, path in hook(profile):
            by_site.setdefault(site, set()).add(path)
    for site, paths in by_site.items():
        purged.update(purge_paths(site=site, paths=paths))
    return sorted(purged)


def _username_taken(key: str) -> bool:
    return Profile.objects.filter(username_key=key).exists()


@transaction.atomic
def profile_create(*, user, username: str, display_name: str = "", bio: str = "") -> Profile:
    """Give ``user`` the permanent ``username``; raise ProfileError with the reason if not.

    Two readers may claim one name at the same moment: the unique index on
    ``username_key`` lets exactly one insert through, and the other's IntegrityError
    becomes the same "taken" message as the check before it.
    """
    if not getattr(user, "is_authenticated", False):
        raise ProfileError(SIGN_IN_FIRST)
    problem = username_problem(username)
    if problem:
        raise ProfileError(problem, code="username")
    if Profile.objects.filter(user=user).exists():
        raise ProfileError(ALREADY_HAS_PROFILE)
    key = username_key(username)
    if _username_taken(key):
        raise ProfileError(TAKEN, code="username")
    if username_looks_taken(username=username):
        # The same name may have been claimed since the check above (a race): say so.
        message = TAKEN if _username_taken(key) else LOOKS_LIKE_TAKEN
        raise ProfileError(message, code="username")
    profile = Profile(
        user=user,
        username=username_display(username),
        display_name=display_name.strip(),
        bio=bio.strip(),
    )
    profile.full_clean(exclude=["username_key", "username_skeleton", "user"])
    try:
        # A savepoint, so the losing claim leaves the outer transaction usable.
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        # ``Profile(user=user)`` put the unsaved profile on ``user``: take it back.
        user._state.fields_cache.pop("profile", None)
        if Profile.objects.filter(user=user).exists():
            raise ProfileError(ALREADY_HAS_PROFILE) from None
        raise ProfileError(TAKEN, code="username") from None
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, display_name: str, bio: str) -> Profile:
    """Change what a reader may change: never the username."""
    profile.display_name = display_name.strip()
    profile.bio = bio.strip()
    profile.full_clean(exclude=["username_key", "user"])
    profile.save(update_fields=["display_name", "bio"])
    profile_purge(profile=profile)
    return profile


def _avatar_square(content: bytes, size: int) -> bytes:
    with Image.open(io.BytesIO(content)) as image:
        square = ImageOps.fit(image.convert("RGB"), (size, size), method=Image.Resampling.LANCZOS)
    return image_encode_clean(square, fmt="JPEG", quality=86)


@transaction.atomic
def profile_set_avatar(*, profile: Profile, upload) -> Profile:
    """Check the upload, strip its metadata, crop it square; raise ProfileError if refused."""
    try:
        clean = sanitise_image_upload(upload, max_bytes=settings.NEWSDESK_AVATAR_MAX_BYTES)
    except UploadRejected as error:
        raise ProfileError(str(error), code="avatar") from None
    data = _avatar_square(clean.content, settings.NEWSDESK_AVATAR_SIZE)
    old = profile.avatar.name if profile.avatar else ""
    profile.avatar.save(
        f"{profile.username_key}-{secrets.token_hex(4)}.jpg", ContentFile(data), save=False
    )
    profile.save(update_fields=["avatar"])
    if old:
        transaction.on_commit(lambda: profile.avatar.storage.delete(old))
    profile_purge(profile=profile)
    return profile


@transaction.atomic
def profile_remove_avatar(*, profile: Profile) -> Profile:
    if profile.avatar:
        name, storage = str(profile.avatar.name), profile.avatar.storage
        profile.avatar = ""
        profile.save(update_fields=["avatar"])
        transaction.on_commit(lambda: storage.delete(name))
        profile_purge(profile=profile)
    return profile


@transaction.atomic
def profile_tombstone(*, profile: Profile) -> Profile:
    """Keep only the username (never issued again); everything personal goes."""
    from django.utils import timezone

    if profile.avatar:
        name, storage = str(profile.avatar.name), profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(name))
    Profile.objects.filter(pk=profile.pk).update(
        user=None, display_name="", bio="", avatar="", deleted_at=timezone.now()
    )
    profile.refresh_from_db()
    # The page becomes a tombstone (410), and the name leaves the pages that showed it.
    profile_purge(profile=profile)
    return profile
