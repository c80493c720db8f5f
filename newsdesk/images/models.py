"""The image model, custom from the first migration: every photo carries its credit."""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """A photo with the caption and credit a news picture desk records."""

    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=255, blank=True, help_text="Photographer and agency, e.g. 'Jane Doe, AFP'."
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    @property
    def default_alt_text(self) -> str:
        # Wagtail's description is the alt text; a caption describes the photo well too.
        return self.description or self.caption or self.title


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
