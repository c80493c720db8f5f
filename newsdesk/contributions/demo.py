"""Demo reader contributions, sent and reviewed through the real services and workflow.

Called once by ``demo.services.demo_load`` so User Galleries and the community section
are not empty; one story is left with the editors and one sent back, so the review queue
and the contributor's view show every state.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.contributions.models import Submission
from newsdesk.contributions.services import PhotoInput, submission_save
from newsdesk.editorial.roles import EDITORS
from newsdesk.images.pictures import demo_picture_jpeg
from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import username_key, username_skeleton

STORIES_DIR = Path(__file__).resolve().parent / "demo_stories"
READERS = [
    ("lindiwe", "Lindiwe Khumalo"),
    ("pieter_vdm", "Pieter van der Merwe"),
    ("aisha.p", "Aisha Patel"),
]
STORY = (STORIES_DIR / "flood.txt").read_text(encoding="utf-8")
LIBRARY_STORY = (STORIES_DIR / "library.txt").read_text(encoding="utf-8")
FARM_STORY = (STORIES_DIR / "farm.txt").read_text(encoding="utf-8")
PICTURES = [
    (
        "lindiwe",
        "Storm over the bay",
        "sea",
        ["#023e8a", "#caf0f8"],
        "Gqeberha",
        [
            "Lightning over the harbour just after sunset.",
            "Waves break over the promenade wall.",
        ],
    ),
    (
        "pieter_vdm",
        "First snow on the Hex River mountains",
        "mountain",
        ["#22223b", "#f2e9e4"],
        "De Doorns",
        [
            "Snow on the peaks above the vineyards.",
        ],
    ),
    (
        "aisha.p",
        "Evening rush in the city",
        "city",
        ["#3d405b", "#f4a261"],
        "Johannesburg",
        [
            "Office towers light up as the evening traffic builds.",
            "Commuters wait for the last buses at the rank.",
        ],
    ),
    (
        "lindiwe",
        "Harvest time",
        "field",
        ["#386641", "#f2e8cf"],
        "Grabouw",
        [
            "Apple pickers at work in the orchards.",
        ],
    ),
]


@dataclass(frozen=True)
class DemoContributions:
    published: int
    pending: int


def _reader(username: str, name: str, password: str) -> Profile:
    user, created = get_user_model().objects.get_or_create(
        username=f"reader-{username}", defaults={"first_name": name.split()[0]}
    )
    if created:
        user.set_password(password)
        user.save()
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "username": username,
            "username_key": username_key(username),
            "username_skeleton": username_skeleton(username),
            "display_name": name,
        },
    )
    return profile


def _photo(caption: str, *, palette, motif, seed, place) -> PhotoInput:
    data = demo_picture_jpeg(palette=palette, motif=motif, seed=seed)
    return PhotoInput(
        file=SimpleUploadedFile(f"IMG_{seed}.jpg", data, "image/jpeg"), caption=caption, place=place
    )


def _review(submission: Submission, editor, action: str, comment: str = "") -> None:
    task_state = submission.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, action, comment=comment)


def demo_contributions_load(*, password: str) -> DemoContributions:
    """Readers, their stories and pictures; most approved by the demo's first editor."""
    editor = get_user_model().objects.filter(groups__name=EDITORS).order_by("pk").first()
    readers = {username: _reader(username, name, password) for username, name in READERS}
    published = 0
    seed = 3000
    for username, title, motif, palette, place, captions in PICTURES:
        photos = []
        for caption in captions:
            seed += 1
            photos.append(_photo(caption, palette=palette, motif=motif, seed=seed, place=place))
        submission = submission_save(
            contributor=readers[username],
            kind=Submission.Kind.PICTURES,
            title=title,
            place=place,
            rights_confirmed=True,
            photos=photos,
            send=True,
        )
        _review(submission, editor, "approve")
        published += 1
    story = submission_save(
        contributor=readers["lindiwe"],
        kind=Submission.Kind.STORY,
        title="How our street carried its elders out of the flood",
        body=STORY,
        place="Hammarsdale",
        rights_confirmed=True,
        photos=[
            _photo(
                "Residents form a chain across the flooded road.",
                palette=["#5e503f", "#c6ac8f"],
                motif="sea",
                seed=3100,
                place="Hammarsdale",
            )
        ],
        send=True,
    )
    _review(story, editor, "approve")
    published += 1
    waiting = submission_save(
        contributor=readers["aisha.p"],
        kind=Submission.Kind.STORY,
        title="Six years later, our library opens",
        body=LIBRARY_STORY,
        place="Soweto",
        rights_confirmed=True,
        send=True,
    )
    returned = submission_save(
        contributor=readers["pieter_vdm"],
        kind=Submission.Kind.STORY,
        title="Load shedding and the farm dam",
        body=FARM_STORY,
        place="Worcester",
        rights_confirmed=True,
        send=True,
    )
    _review(
        returned,
        editor,
        "reject",
        "The same two sentences repeat: please tell us what happened at your farm dam, "
        "who you spoke to and when.",
    )
    return DemoContributions(published=published, pending=1 if waiting else 0)
