"""Reader-facing profile forms, and the admin form that guards the username."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import MAX_LENGTH, TAKEN, username_key, username_problem


class ProfileCreateForm(forms.Form):
    username = forms.CharField(
        max_length=60,
        help_text=_("3 to 30 characters: a to z, 0 to 9, and _ . - (not changeable later)."),
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    display_name = forms.CharField(
        max_length=80,
        required=False,
        help_text=_("Your name as readers see it. You can change it."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my username can never be changed."), required=True
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        problem = username_problem(username)
        if problem:
            raise forms.ValidationError(problem)
        return username


class ProfileEditForm(forms.Form):
    display_name = forms.CharField(max_length=80, required=False)
    bio = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Up to 500 characters, shown on your profile page."),
    )
    avatar = forms.FileField(
        required=False,
        label=_("Profile picture"),
        help_text=_("A JPEG, PNG or WebP photo. We crop it square and remove its metadata."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(required=False, label=_("Remove my profile picture"))


class ProfileAdminForm(WagtailAdminModelForm):
    """Only superusers may correct a username (e.g. a legal request); nobody else can."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "username" in self.fields and not (for_user and for_user.is_superuser):
            self.fields["username"].disabled = True
            self.fields["username"].help_text = "Usernames are permanent."

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > MAX_LENGTH or username_problem(username):
            raise forms.ValidationError(username_problem(username) or "Too long.")
        others = Profile.objects.exclude(pk=self.instance.pk)
        if others.filter(username_key=username_key(username)).exists():
            raise forms.ValidationError(TAKEN)
        return username
