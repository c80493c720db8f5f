"""Moderators see and tidy readers' profiles; only superusers may touch a username."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.profiles.forms import ProfileAdminForm
from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import profile_purge


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = "Reader profiles"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["username", "display_name", "created_at", "deleted_at"]
    search_fields = ["username", "display_name"]
    edit_handler = ObjectList(
        [FieldPanel("username"), FieldPanel("display_name"), FieldPanel("bio")],
        base_form_class=ProfileAdminForm,
    )


register_snippet(ProfileViewSet)


@hooks.register("after_edit_snippet")
def purge_profile_after_admin_edit(request, instance):
    """A moderator tidied a name or bio: the cached public pages must show it at once."""
    if isinstance(instance, Profile):
        profile_purge(profile=instance)
