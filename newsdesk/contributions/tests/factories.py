"""Factories for reader contributions: readers with profiles, editors, photos, submissions."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsdesk.contributions.services import PhotoInput, submission_save
from newsdesk.editorial import roles
from newsdesk.profiles.models import Profile
from newsdesk.profiles.tests.factories import ProfileFactory

GPS_TAG = 0x8825
LOREM_TEXT = (
    "The water rose quickly along the river road after a night of heavy rain and "
    "neighbours gathered to help carry furniture to higher ground while children watched "
    "from the school steps "
)
LOREM = LOREM_TEXT.split()


def story_text(words: int) -> str:
    """``words`` words of plausible prose, in paragraphs of about sixty words."""
    out = [LOREM[i % len(LOREM)] for i in range(words)]
    paragraphs = [" ".join(out[i : i + 60]) for i in range(0, words, 60)]
    return "\n\n".join(p.capitalize() + "." for p in paragraphs)


def reader(username: str = "thandi", display_name: str = "Thandi Mokoena") -> Profile:
    return ProfileFactory(
        username=username, display_name=display_name, user__username=f"user-{username}"
    )


def editor(username: str = "eddie"):
    user = get_user_model().objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


def jpeg_with_gps(*, size=(120, 80), colour=(200, 30, 30)) -> bytes:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_TAG).update({1: "S", 2: (33.0, 55.0, 0.0), 3: "E", 4: (18.0, 25.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(data: bytes | None = None, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_with_gps(), "image/jpeg")


def photo(caption: str = "Flooded road", **kwargs) -> PhotoInput:
    return PhotoInput(file=kwargs.pop("file", None) or upload(), caption=caption, **kwargs)


def sent_story(profile: Profile, *, words: int = 250, photos=(), title="Flood in Hammarsdale"):
    return submission_save(
        contributor=profile,
        kind="story",
        title=title,
        body=story_text(words),
        place="Hammarsdale",
        rights_confirmed=True,
        photos=list(photos),
        send=True,
    )


def sent_pictures(profile: Profile, *, photos=None, title="Storm over the bay"):
    return submission_save(
        contributor=profile,
        kind="pictures",
        title=title,
        rights_confirmed=True,
        photos=photos if photos is not None else [photo(place="Gqeberha")],
        send=True,
    )


def approve(submission, user, comment: str = ""):
    task_state = submission.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, "approve", comment=comment)


def decline(submission, user, reason: str):
    task_state = submission.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, "reject", comment=reason)
