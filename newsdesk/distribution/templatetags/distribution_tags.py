"""Head tags (canonical, OpenGraph, Twitter, JSON-LD, feed links) and article extras."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import to_locale

from newsdesk.articles.models import ArticlePage
from newsdesk.distribution.selectors import article_list_related, corrections_for_article
from newsdesk.distribution.structured_data import (
    article_json_ld,
    json_ld_script,
    social_image,
)
from newsdesk.network.models import SiteSettings
from newsdesk.network.selectors import site_absolute_url

register = template.Library()


def _corrections(page: ArticlePage) -> list:
    # The page shows them and JSON-LD lists them: one query for both.
    if not hasattr(page, "_distribution_corrections"):
        page._distribution_corrections = corrections_for_article(article=page)
    return page._distribution_corrections


def _feed_links(context) -> list[dict]:
    request = context["request"]
    brand = SiteSettings.for_request(request).brand_name
    links = [
        {"type": "application/rss+xml", "title": f"{brand} (RSS)", "href": reverse("feeds:rss")},
        {"type": "application/atom+xml", "title": f"{brand} (Atom)", "href": reverse("feeds:atom")},
        {
            "type": "application/feed+json",
            "title": f"{brand} (JSON)",
            "href": reverse("feeds:json"),
        },
    ]
    page = context.get("page")
    tag = context.get("tag")
    if page is not None and getattr(page, "specific_class", None) is not None:
        if page.specific_class.__name__ == "SectionPage":
            links.append(
                {
                    "type": "application/rss+xml",
                    "title": f"{page.title} | {brand} (RSS)",
                    "href": reverse("feeds:section", kwargs={"slug": page.slug, "fmt": "rss"}),
                }
            )
    elif tag is not None and getattr(tag, "slug", None):
        links.append(
            {
                "type": "application/rss+xml",
                "title": f"{tag.name} | {brand} (RSS)",
                "href": reverse("feeds:tag", kwargs={"slug": tag.slug, "fmt": "rss"}),
            }
        )
    for link in links:
        link["href"] = site_absolute_url(request=request, url=link["href"])
    return links


@register.inclusion_tag("distribution/head.html", takes_context=True)
def distribution_head(context):
    """Everything distribution puts in a page's <head>: same bytes for every reader."""
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    site_settings = SiteSettings.for_request(request)
    brand = site_settings.brand_name
    data = {
        "feed_links": _feed_links(context),
        "site_name": brand,
        "og_type": "website",
        "canonical": site_absolute_url(request=request, url=request.path),
        "title": "",
        "description": "",
        "image": "",
        "noindex": context.get("noindex", False),
        # The page's language as Open Graph writes it ("af", "en_GB"): the site's, which the
        # request speaks, or the story's own below.
        "og_locale": to_locale(translation.get_language() or settings.LANGUAGE_CODE),
        "translations": context.get("translations") or [],
    }
    if page is not None and hasattr(page, "get_full_url"):
        data["canonical"] = page.get_full_url(request) or data["canonical"]
        data["title"] = page.seo_title or page.title
        data["description"] = page.search_description or getattr(page, "intro", "")
        if page.depth == 2:
            # The site's homepage: it is the brand, not a page called "Home".
            data["title"] = page.seo_title or site_home_title(site_settings)
    elif context.get("tag") is not None:
        tag = context["tag"]
        data["title"] = tag.name
        data["description"] = tag.description or f"Stories about {tag.name} from {brand}."
    elif context.get("author") is not None:
        author = context["author"]
        data["title"] = author.name
        data["description"] = author.bio or f"Stories by {author.name} from {brand}."
    if isinstance(page, ArticlePage):
        section = page.get_parent()
        tags = context.get("tags") or []
        data["og_locale_alternates"] = [
            to_locale(version.language)
            for version in data["translations"]
            if not version.is_current
        ]
        data.update(
            og_locale=to_locale(page.story_language),
            og_type="article",
            description=page.summary or page.search_description,
            image=social_image(request=request, image=page.lead_image),
            image_alt=page.lead_image.default_alt_text if page.lead_image else "",
            article=page,
            section=section.title if section else "",
            tags=tags,
        )
    # A page type with its own schema.org shape (a live blog's LiveBlogPosting) or a
    # sub-page with its own address and card (one live-blog entry) says so in its context.
    if context.get("structured_data"):
        data["json_ld"] = json_ld_script(context["structured_data"])
    elif isinstance(page, ArticlePage):
        data["json_ld"] = json_ld_script(
            article_json_ld(
                article=page,
                request=request,
                corrections=_corrections(page),
                section=section,
                tags=tags,
            )
        )
    data.update(context.get("head_overrides") or {})
    # Every page describes itself: a view may say how (``meta_description``); otherwise
    # the site's tagline does (search, contribute and other pages outside the page tree).
    data["description"] = (
        data["description"] or context.get("meta_description") or site_settings.tagline or brand
    )
    data["description"] = Truncator(data["description"]).chars(300)
    return data


def site_home_title(site_settings) -> str:
    """'newsdesk: News you can trust, as it happens', the homepage's whole title."""
    brand, tagline = site_settings.brand_name, site_settings.tagline
    return f"{brand}: {tagline}" if tagline else brand


@register.simple_tag(takes_context=True)
def home_title(context) -> str:
    return site_home_title(SiteSettings.for_request(context["request"]))


@register.inclusion_tag("distribution/corrections.html")
def article_corrections(page: ArticlePage):
    return {"corrections": _corrections(page)}


@register.inclusion_tag("distribution/related.html", takes_context=True)
def related_stories(context, page: ArticlePage):
    return {"related": article_list_related(article=page, request=context["request"])}
