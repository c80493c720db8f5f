"""Reactions to events profiles do not own."""

from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import profile_tombstone


def tombstone_on_user_delete(sender, instance, **kwargs):
    """A user deleted anywhere (e.g. the Wagtail admin) leaves only a username behind."""
    profile = Profile.objects.filter(user_id=instance.pk).first()
    if profile is not None:
        profile_tombstone(profile=profile)
