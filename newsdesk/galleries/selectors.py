"""Reads of galleries."""

from django.db.models import Prefetch

from newsdesk.galleries.models import GalleryPage, GalleryPhoto


def gallery_list_published(*, site_root, limit: int = 48):
    """The site's live galleries, newest first, each with its photos for a cover."""
    return (
        GalleryPage.objects.live()
        .public()
        .descendant_of(site_root)
        .order_by("-first_published_at")
        .prefetch_related(
            Prefetch("photos", queryset=GalleryPhoto.objects.select_related("image"))
        )[:limit]
    )
