"""Moderators see and tidy readers' profiles; only superusers may touch a username.

The profile is part of the reader's export, and account deletion keeps only a tombstone.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.core.hooks import ACCOUNT_ERASE, USER_DATA_EXPORT
from newsdesk.profiles.forms import ProfileAdminForm
from newsdesk.profiles.models import Profile
from newsdesk.profiles.selectors import profile_for_user
from newsdesk.profiles.services import profile_purge, profile_tombstone


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Reader profiles")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["username", "display_name", "created_at", "deleted_at"]
    search_fields = ["username", "display_name"]
    edit_handler = ObjectList(
        [FieldPanel("username"), FieldPanel("display_name"), FieldPanel("bio")],
        base_form_class=ProfileAdminForm,
    )


register_snippet(ProfileViewSet)


@hooks.register(USER_DATA_EXPORT)
def profile_export(*, user):
    profile = profile_for_user(user=user)
    if profile is None:
        return {"profile": None}
    return {
        "profile": {
            "username": profile.username,
            "display_name": profile.display_name,
            "bio": profile.bio,
            "avatar": profile.avatar.url if profile.avatar else None,
            "created_at": profile.created_at.isoformat(),
            "url": profile.get_absolute_url(),
        }
    }


# Last: other erasers find the reader's rows through the profile before it detaches.
@hooks.register(ACCOUNT_ERASE, order=100)
def profile_erase(*, user):
    # The username stays reserved as a tombstone, so nobody can pose as the reader.
    profile = profile_for_user(user=user)
    if profile is not None:
        profile_tombstone(profile=profile)


@hooks.register("after_edit_snippet")
def purge_profile_after_admin_edit(request, instance):
    """A moderator tidied a name or bio: the cached public pages must show it at once."""
    if isinstance(instance, Profile):
        profile_purge(profile=instance)
