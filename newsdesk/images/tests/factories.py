"""Factories for images: small real JPEGs made in memory."""

import io

import factory
from django.core.files.images import ImageFile
from PIL import Image

from newsdesk.images.models import CustomImage


def jpeg_bytes(width: int = 64, height: int = 36, colour=(40, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


class CustomImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    caption = "A test photo."
    credit = "Test Photographer, AFP"
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(jpeg_bytes()), name="photo.jpg"))

    class Meta:
        model = CustomImage
