"""Location Settings: one place per component, chosen from grouped lists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.local.components import local_components
from newsdesk.local.selectors import place_groups

NO_CHOICE = _("Not set (use the site's default)")


class LocationSettingsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = place_groups()
        self.places = {p.slug: p for group in groups for p in group.places}
        choices = [("", NO_CHOICE)] + [
            (group.label, [(p.slug, p.name) for p in group.places]) for group in groups
        ]
        for component in local_components():
            self.fields[component.name] = forms.ChoiceField(
                label=component.title,
                help_text=component.description,
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"aria-describedby": f"id_{component.name}-help"}),
            )

    def chosen_places(self) -> dict:
        """Component name -> Place, or None to clear; call after ``is_valid()``."""
        return {name: self.places.get(slug) for name, slug in self.cleaned_data.items()}
