"""Reads of sections."""

from newsdesk.sections.models import SectionPage


def section_by_slug(*, slug: str, site_root=None) -> SectionPage | None:
    sections = SectionPage.objects.filter(slug=slug)
    if site_root is not None:
        sections = sections.descendant_of(site_root)
    return sections.first()
