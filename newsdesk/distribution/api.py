"""The read API (django-ninja): articles, sections, tags and galleries of the current site.

OpenAPI schema at ``/api/schema/``, interactive docs at ``/api/docs/``. Read-only and the
same for every caller, so responses are cacheable like public pages. Every parameter has
bounds, so no input reaches the database in a form it cannot take.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from ninja import NinjaAPI, Path, Query, Schema, Status
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage, ArticleTag
from newsdesk.articles.selectors import article_cards, article_list_published
from newsdesk.distribution.selectors import corrections_for_article
from newsdesk.galleries.models import GalleryPage, GalleryPhoto
from newsdesk.network.selectors import site_absolute_url
from newsdesk.sections.models import SectionPage
from newsdesk.sections.selectors import section_by_slug
from newsdesk.tags.models import Tag

API_IMAGE_SPEC = "fill-800x450-c100"  # one of the card renditions, prefetched with cards
MAX_ID = 2**31 - 1
MAX_LIMIT = 100
MAX_OFFSET = 10_000
# Slugs are letters, digits, "_" and "-" (Unicode letters too); anything else (a NUL byte,
# which PostgreSQL refuses outright) is a 422, not a query.
SLUG_PATTERN = r"^[\w-]+$"

api = NinjaAPI(
    title="newsdesk read API",
    version="1.0",
    description="Published articles, sections, tags and galleries of the site you ask.",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
)


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    """What a parameter out of bounds gets (django-ninja's validation error)."""

    detail: list[dict]


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class TagOut(Schema):
    name: str
    slug: str
    kind: str
    url: str


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str


class ArticleOut(Schema):
    id: int
    url: str
    headline: str
    summary: str
    dateline: str
    byline: str
    agency: str
    section: str
    tags: list[TagOut]
    first_published_at: datetime | None
    last_published_at: datetime | None
    image: ImageOut | None


class CorrectionOut(Schema):
    kind: str
    noted_at: datetime
    text: str


class ArticleDetailOut(ArticleOut):
    body_html: str
    corrections: list[CorrectionOut]


class ArticleListOut(Schema):
    count: int
    items: list[ArticleOut]


class TagListOut(Schema):
    count: int
    items: list[TagOut]


class PhotoOut(Schema):
    image: ImageOut


class GalleryOut(Schema):
    id: int
    url: str
    title: str
    intro: str
    first_published_at: datetime | None
    photos: list[PhotoOut]


class GalleryListOut(Schema):
    count: int
    items: list[GalleryOut]


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    return site


def _absolute(request, url: str) -> str:
    return site_absolute_url(request=request, url=url)


def _image(request, image, *, caption: str = "", credit: str = "") -> dict | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(API_IMAGE_SPEC)
    except Exception:
        return None
    return {
        "url": _absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or "",
        "caption": caption or image.caption,
        "credit": credit or image.credit,
    }


def _tag(request, tag: Tag) -> dict:
    return {
        "name": tag.name,
        "slug": tag.slug,
        "kind": tag.kind,
        "url": _absolute(request, tag.get_absolute_url()),
    }


def _articles_out(request, articles) -> list[dict]:
    articles = articles.prefetch_related(
        Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag").order_by("pk"))
    )
    return [
        {
            "id": card.article.pk,
            "url": _absolute(request, card.url),
            "headline": card.article.title,
            "summary": card.article.summary,
            "dateline": card.article.dateline,
            "byline": card.article.byline,
            "agency": card.article.agency,
            "section": card.section_title,
            "tags": [_tag(request, item.tag) for item in card.article.tagged_items.all()],
            "first_published_at": card.article.first_published_at,
            "last_published_at": card.article.last_published_at,
            "image": _image(
                request,
                card.article.lead_image,
                caption=card.article.lead_image_caption,
                credit=card.article.lead_image_credit,
            ),
        }
        for card in article_cards(articles=articles, request=request)
    ]


@api.get("/articles/", response={200: ArticleListOut, 422: InvalidOut}, tags=["articles"])
def article_list(
    request,
    section: str | None = Query(
        None, max_length=255, pattern=SLUG_PATTERN, description="A section's slug."
    ),
    tag: str | None = Query(
        None, max_length=255, pattern=SLUG_PATTERN, description="A tag's slug."
    ),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Published articles of the site, newest first."""
    site = _site(request)
    articles = article_list_published(site_root=site.root_page)
    if section:
        section_page = section_by_slug(slug=section, site_root=site.root_page)
        articles = articles.child_of(section_page) if section_page else articles.none()
    if tag:
        articles = articles.filter(tagged_items__tag__slug=tag)
    return {
        "count": articles.count(),
        "items": _articles_out(request, articles[offset : offset + limit]),
    }


@api.get(
    "/articles/{article_id}/",
    response={200: ArticleDetailOut, 404: ErrorOut, 422: InvalidOut},
    tags=["articles"],
)
def article_detail(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published article with its body (HTML) and corrections."""
    site = _site(request)
    articles = article_list_published(site_root=site.root_page).filter(pk=article_id)
    found = _articles_out(request, articles)
    if not found:
        return Status(404, {"detail": "No published article with that id on this site."})
    article = ArticlePage.objects.get(pk=article_id)
    return {
        **found[0],
        "body_html": str(article.body),
        "corrections": [
            {"kind": c.kind, "noted_at": c.noted_at, "text": c.text}
            for c in corrections_for_article(article=article)
        ],
    }


@api.get("/sections/", response=list[SectionOut], tags=["sections"])
def section_list(request):
    """The site's sections, in menu order."""
    site = _site(request)
    sections = SectionPage.objects.child_of(site.root_page).live().public().order_by("path")
    return [
        {
            "id": s.pk,
            "title": s.title,
            "slug": s.slug,
            "url": _absolute(request, s.get_url(request)),
        }
        for s in sections
    ]


@api.get("/tags/", response={200: TagListOut, 422: InvalidOut}, tags=["tags"])
def tag_list(
    request,
    kind: Tag.Kind | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Tags used on the site's published articles, by name."""
    site = _site(request)
    used = ArticleTag.objects.filter(
        content_object__in=ArticlePage.objects.published().descendant_of(site.root_page)
    ).values("tag_id")
    tags = Tag.objects.filter(pk__in=used).order_by("name")
    if kind:
        tags = tags.filter(kind=kind)
    return {
        "count": tags.count(),
        "items": [_tag(request, t) for t in tags[offset : offset + limit]],
    }


def _galleries_out(request, galleries) -> list[dict]:
    galleries = galleries.prefetch_related(
        Prefetch(
            "photos",
            queryset=GalleryPhoto.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        )
    )
    return [
        {
            "id": g.pk,
            "url": _absolute(request, g.get_url(request)),
            "title": g.title,
            "intro": g.intro,
            "first_published_at": g.first_published_at,
            "photos": [
                {"image": image}
                for photo in g.photos.all()
                if (
                    image := _image(
                        request, photo.image, caption=photo.caption, credit=photo.credit
                    )
                )
            ],
        }
        for g in galleries
    ]


@api.get("/galleries/", response={200: GalleryListOut, 422: InvalidOut}, tags=["galleries"])
def gallery_list(
    request,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The site's published photo galleries, newest first."""
    site = _site(request)
    galleries = (GalleryPage.objects.live().public().descendant_of(site.root_page)).order_by(
        "-first_published_at", "-pk"
    )
    return {
        "count": galleries.count(),
        "items": _galleries_out(request, galleries[offset : offset + limit]),
    }


@api.get(
    "/galleries/{gallery_id}/",
    response={200: GalleryOut, 404: ErrorOut, 422: InvalidOut},
    tags=["galleries"],
)
def gallery_detail(request, gallery_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published gallery with its photos in order."""
    site = _site(request)
    galleries = GalleryPage.objects.live().public().descendant_of(site.root_page)
    found = _galleries_out(request, galleries.filter(pk=gallery_id))
    if not found:
        return Status(404, {"detail": "No published gallery with that id on this site."})
    return found[0]
