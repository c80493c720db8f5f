"""The search form: what a reader may ask, checked before any query runs."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

QUERY_TOO_LONG = _("Your search is too long: use at most {max} characters.")
DATES_REVERSED = _("The 'from' date must be on or before the 'to' date.")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "enterkeyhint": "search"}),
    )
    section = forms.ChoiceField(label=_("Section"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All sections"))] + [
            (s.slug, s.title) for s in sections
        ]

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        limit = settings.NEWSDESK_SEARCH_MAX_QUERY
        if len(query) > limit:
            raise forms.ValidationError(QUERY_TOO_LONG.format(max=limit))
        # NUL and other control characters mean nothing to a search and upset some backends.
        return "".join(ch for ch in query if ch.isprintable() or ch == " ")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(DATES_REVERSED)
        return data
