"""Tags: the people, places and topics a story is about ("Read more on: ...")."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase


class Tag(TagBase):
    """One person, place or topic, with its own page at /tags/<slug>/."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("Topic")
        PERSON = "person", _("Person")
        PLACE = "place", _("Place")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    description = models.TextField(blank=True, help_text=_("Shown at the top of the tag page."))

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("tags:detail", kwargs={"slug": self.slug})
