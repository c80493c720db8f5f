"""Reads of galleries."""

from newsdesk.galleries.models import GALLERY_INDEX_SIZE, GalleryPage


def gallery_list_published(*, site_root, limit: int = GALLERY_INDEX_SIZE):
    """The site's live galleries, newest first, each with its photos for a cover."""
    return GalleryPage.objects.listed(site_root=site_root).with_covers()[:limit]
