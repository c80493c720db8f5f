from django.apps import AppConfig
from django.db.models.signals import pre_delete


def _tombstone_on_user_delete(sender, instance, **kwargs):
    """A user deleted anywhere (e.g. the Wagtail admin) leaves only a username behind."""
    from newsdesk.profiles.models import Profile
    from newsdesk.profiles.services import profile_tombstone

    profile = Profile.objects.filter(user_id=instance.pk).first()
    if profile is not None:
        profile_tombstone(profile=profile)


def profile_exporter(user):
    from newsdesk.profiles.selectors import profile_for_user

    profile = profile_for_user(user=user)
    if profile is None:
        return None
    return {
        "username": profile.username,
        "display_name": profile.display_name,
        "bio": profile.bio,
        "avatar": profile.avatar.url if profile.avatar else None,
        "created_at": profile.created_at.isoformat(),
        "url": profile.get_absolute_url(),
    }


class ProfilesConfig(AppConfig):
    name = "newsdesk.profiles"
    label = "profiles"
    verbose_name = "Profiles"

    def ready(self) -> None:
        from django.conf import settings

        from newsdesk.accounts.export import register_exporter

        register_exporter("profile", profile_exporter)
        pre_delete.connect(
            _tombstone_on_user_delete,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="profiles.tombstone_on_user_delete",
        )
