"""schema.org ``NewsArticle`` JSON-LD, OpenGraph and Twitter card data for pages."""

from __future__ import annotations

import json
import logging

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from newsdesk.articles.models import ArticlePage
from newsdesk.core.feeds import absolute_url
from newsdesk.network.selectors import site_settings_for_page

# Google asks for 16x9, 4x3 and 1x1 images of at least 1200 px wide (the 16x9 one the
# article page already renders for its srcset). Wagtail never upscales, so a smaller
# original gives smaller renditions: each is listed with the size it really has.
JSON_LD_IMAGE_SPECS = ("fill-1200x675-c100", "fill-1200x900-c100", "fill-1200x1200-c100")
SOCIAL_IMAGE_SPEC = "fill-1200x675-c100"
# A raster logo of at least 112 px (Google ignores SVG logos); see scripts/logo_png.py.
PUBLISHER_LOGO = "logo.png"
PUBLISHER_LOGO_SIZE = 512
HEADLINE_MAX = 110  # Google truncates longer headlines in rich results

# The characters that could end a <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

logger = logging.getLogger("newsdesk.distribution")


def _renditions(request, image, specs) -> list[dict]:
    """``{"url", "width", "height"}`` for each rendition that could be made, without repeats."""
    found: dict[str, dict] = {}
    if image is None:
        return []
    for spec in specs:
        try:
            rendition = image.get_rendition(spec)
        except Exception:  # a missing original file must not take the page down
            logger.warning("No %s rendition for image %s", spec, image.pk, exc_info=True)
            continue
        url = absolute_url(request, rendition.url)
        found.setdefault(url, {"url": url, "width": rendition.width, "height": rendition.height})
    return list(found.values())


def _author(request, author) -> dict:
    return {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(request, author.get_absolute_url()),
    }


def article_json_ld(*, article: ArticlePage, request, corrections, section, tags) -> dict:
    """The ``NewsArticle`` object for ``article``, as Google and other readers expect it."""
    site_settings = site_settings_for_page(page=article, request=request)
    url = article.get_full_url(request)
    modified = max(
        [t for t in (article.last_published_at, article.first_published_at) if t]
        + [c.noted_at for c in corrections],
        default=None,
    )
    linked = article.authors
    if linked:
        authors = [_author(request, author) for author in linked]
    elif article.byline:
        authors = [{"@type": "Person", "name": name.strip()} for name in _names(article.byline)]
    else:
        authors = [{"@type": "Organization", "name": article.agency or site_settings.brand_name}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:HEADLINE_MAX],
        "description": article.summary or article.search_description or "",
        "image": [
            {"@type": "ImageObject", **image}
            for image in _renditions(request, article.lead_image, JSON_LD_IMAGE_SPECS)
        ],
        "datePublished": article.first_published_at.isoformat()
        if article.first_published_at
        else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site_settings.brand_name,
            "url": absolute_url(request, "/"),
            "logo": {
                "@type": "ImageObject",
                "url": absolute_url(request, static(PUBLISHER_LOGO)),
                "width": PUBLISHER_LOGO_SIZE,
                "height": PUBLISHER_LOGO_SIZE,
            },
        },
        "articleSection": section.title if section else "",
        "keywords": [tag.name for tag in tags],
        "inLanguage": article.story_language,
        "isAccessibleForFree": True,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.text,
                "datePublished": c.noted_at.isoformat(),
            }
            for c in corrections
        ]
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _names(byline: str) -> list[str]:
    parts = [p for chunk in byline.split(" and ") for p in chunk.split(",")]
    return [p.strip() for p in parts if p.strip()] or [byline]


def json_ld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` that no value can break out of."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


def social_image(*, request, image) -> dict | None:
    """The share image's URL and its real width and height (OpenGraph states both)."""
    found = _renditions(request, image, (SOCIAL_IMAGE_SPEC,))
    return found[0] if found else None
