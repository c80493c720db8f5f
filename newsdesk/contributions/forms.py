"""Reader-facing forms: the fields only; rules live in ``services``."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ACCEPT = "image/jpeg,image/png,image/webp"
RIGHTS_LABEL = _(
    "This is my own work. I give newsdesk permission to publish it, edit it for length "
    "and clarity, and show it with my name and profile."
)


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Headline"), max_length=150)
    body = forms.CharField(
        label=_("Your story"),
        required=False,
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 18, "aria-describedby": "body-help"}),
    )
    place = forms.CharField(
        label=_("Where did it happen?"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Durban beachfront")}),
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    rights_confirmed = forms.BooleanField(label=RIGHTS_LABEL, required=False)


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=500)
    place = forms.CharField(label=_("Where was it taken?"), required=False, max_length=120)
    taken_on = forms.DateField(
        label=_("Date taken"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PicturesForm(forms.Form):
    title = forms.CharField(
        label=_("What are these pictures of?"),
        max_length=150,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Storm damage in Gqeberha")}),
    )
    rights_confirmed = forms.BooleanField(label=RIGHTS_LABEL, required=False)


def photo_formset(*, extra: int):
    return forms.formset_factory(
        PhotoForm,
        extra=extra,
        max_num=settings.NEWSDESK_CONTRIBUTIONS_MAX_PHOTOS,
        absolute_max=settings.NEWSDESK_CONTRIBUTIONS_MAX_PHOTOS,
    )
