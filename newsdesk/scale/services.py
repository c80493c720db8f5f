"""Generate many realistic articles fast, for query-count tests and benchmarks.

``article_create`` publishes one story through Wagtail's revisions: right for editors,
about 30 ms a story. Here rows are written in bulk instead: the page tree paths are
computed the way treebeard does (``Page._get_path``), then ``wagtailcore_page``,
``articles_articlepage`` and the tag links are inserted a few thousand rows at a time,
and each section's ``numchild`` is set once at the end. The pages are live and look
published (first and last published times) but have no revision until an editor saves
one, which Wagtail's editor handles. A few pictures are generated once and shared.
Search indexing is left to ``newsdesk update_index`` (it takes longer than this).
"""

from __future__ import annotations

import io
import json
import random
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage, ArticleTag
from newsdesk.images.models import CustomImage
from newsdesk.images.pictures import demo_picture_jpeg
from newsdesk.sections.models import SectionPage
from newsdesk.tags.models import Tag

NO_SECTIONS = "There is no section to file stories under: run `newsdesk load_demo` first."

PLACES = [
    "Johannesburg",
    "Cape Town",
    "Durban",
    "Pretoria",
    "Gqeberha",
    "Bloemfontein",
    "Polokwane",
    "Nairobi",
    "Lagos",
    "Accra",
    "Harare",
    "Gaborone",
    "Windhoek",
    "Maputo",
    "London",
    "Washington",
    "Tokyo",
    "Beijing",
    "New Delhi",
    "Brussels",
    "Paris",
    "Berlin",
    "Sao Paulo",
]
SUBJECTS = [
    "Parliament",
    "The Reserve Bank",
    "Eskom",
    "Transnet",
    "The Springboks",
    "The Proteas",
    "Bafana Bafana",
    "The health department",
    "The city council",
    "The taxi council",
    "Agri SA",
    "The teachers' union",
    "A mining company",
    "The CSIR",
    "The weather service",
    "Shoprite",
    "The Constitutional Court",
    "The JSE",
    "The residents' association",
    "The fire brigade",
]
VERBS = [
    "agrees on",
    "warns of",
    "unveils",
    "delays",
    "backs",
    "rejects",
    "celebrates",
    "investigates",
    "announces",
    "questions",
    "plans",
    "approves",
    "cuts",
    "doubles",
]
OBJECTS = [
    "new power plan",
    "rate decision",
    "harbour upgrade",
    "drought relief",
    "school funding",
    "rail repairs",
    "trade deal",
    "water restrictions",
    "fuel price",
    "stadium revamp",
    "budget shortfall",
    "vaccine drive",
    "broadband rollout",
    "road safety campaign",
    "housing project",
    "wage talks",
    "tourism record",
    "export ban",
    "climate target",
]
TOPICS = [
    "energy",
    "economy",
    "transport",
    "health",
    "education",
    "crime",
    "rugby",
    "cricket",
    "football",
    "weather",
    "mining",
    "technology",
    "elections",
    "water",
    "housing",
    "tourism",
    "agriculture",
    "courts",
    "climate",
    "trade",
]
PEOPLE = [
    "Thandi Mokoena",
    "Pieter van Wyk",
    "Ayesha Patel",
    "Sipho Dlamini",
    "Grace Naidoo",
    "Johan Botha",
    "Lerato Khumalo",
    "David Cohen",
    "Nomvula Zulu",
    "Ravi Govender",
]
AGENCIES = ["", "", "AFP", "Reuters", "AP", "News24 Wire", "Sapa"]
SENTENCES = [
    "Officials said the decision followed months of consultation with residents and business.",
    "Critics warned that the timeline was ambitious and the costs were still unclear.",
    "The announcement was welcomed by industry groups, who had pressed for action for years.",
    "Details of the plan are expected to be published in the coming weeks.",
    "Analysts said the move could affect prices well into next year.",
    "Opposition parties called for an independent review before any money is spent.",
    "Community leaders said they would watch closely to see whether promises were kept.",
    "The minister told reporters that the first results would be visible by the end of the year.",
    "Similar measures elsewhere had mixed results, according to a recent study.",
    "A spokesperson declined to comment on the figures, citing ongoing negotiations.",
]
PICTURE_MOTIFS = ["city", "mountain", "sea", "field", "stadium", "sun"]
PALETTES = [
    ["#1d3557", "#a8dadc"], ["#264653", "#e9c46a"], ["#2b2d42", "#8d99ae"],
    ["#3d405b", "#f2cc8f"], ["#006d77", "#83c5be"], ["#5f0f40", "#fb8b24"],
]  # fmt: skip
SOURCE_PREFIX = "generated:"


@dataclass(frozen=True)
class GenerateSummary:
    articles: int
    tags: int
    images: int


def _images(count: int, rng: random.Random) -> list[CustomImage]:
    existing = list(CustomImage.objects.filter(title__startswith="Generated picture")[:count])
    for n in range(len(existing), count):
        data = demo_picture_jpeg(
            palette=PALETTES[n % len(PALETTES)],
            motif=PICTURE_MOTIFS[n % len(PICTURE_MOTIFS)],
            seed=5000 + n,
        )
        image = CustomImage(
            title=f"Generated picture {n + 1}",
            caption=f"A scene from {rng.choice(PLACES)}.",
            credit=rng.choice(["Staff photographer", "AFP", "Reuters", "Supplied"]),
            file=ImageFile(io.BytesIO(data), name=f"generated-{n + 1}.jpg"),
        )
        image.save()
        existing.append(image)
    return existing


def _tags(rng: random.Random) -> list[Tag]:
    wanted = [(name, Tag.Kind.TOPIC) for name in TOPICS]
    wanted += [(name, Tag.Kind.PERSON) for name in PEOPLE]
    wanted += [(name, Tag.Kind.PLACE) for name in PLACES]
    have = {tag.slug: tag for tag in Tag.objects.filter(slug__in=[slugify(n) for n, _ in wanted])}
    new = [
        Tag(name=name, slug=slugify(name), kind=kind)
        for name, kind in wanted
        if slugify(name) not in have and not Tag.objects.filter(name__iexact=name).exists()
    ]
    Tag.objects.bulk_create(new)
    return list(Tag.objects.filter(slug__in=[slugify(n) for n, _ in wanted]))


def _body(rng: random.Random) -> str:
    blocks = []
    for n in range(rng.randint(4, 8)):
        if n == 3:
            blocks.append(
                {"type": "subheading", "value": "What happens next", "id": str(uuid.uuid4())}
            )
        text = " ".join(rng.sample(SENTENCES, 3))
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())})
    return json.dumps(blocks)


def _insert(model, objs, fields) -> None:
    """INSERT rows of one table only (bulk_create refuses multi-table models)."""
    model._base_manager._insert(objs, fields=fields, using="default")


def articles_generate(
    *, count: int, seed: int = 8, images: int = 12, batch_size: int = 2000, stdout=None
) -> GenerateSummary:
    """Add ``count`` published articles spread over the sections and the last few years."""
    sections = list(SectionPage.objects.live().order_by("path"))
    if not sections:
        raise ValueError(NO_SECTIONS)
    rng = random.Random(seed)
    pictures = _images(images, rng)
    tags = _tags(rng)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    span_minutes = max(60, count * 10)  # about 150 stories a day
    next_step = {}
    for section in sections:
        last = section.get_last_child()
        next_step[section.pk] = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
    start = ArticlePage.objects.filter(source_id__startswith=SOURCE_PREFIX).count()
    article_fields = list(ArticlePage._meta.local_concrete_fields)
    made = 0
    while made < count:
        n_batch = min(batch_size, count - made)
        with transaction.atomic():
            pages: list[Page] = []
            extra: list[dict[str, Any]] = []
            for i in range(n_batch):
                serial = start + made + i + 1
                section = sections[rng.randrange(len(sections))]
                step = next_step[section.pk]
                next_step[section.pk] = step + 1
                title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                slug = f"{slugify(title)[:60]}-{serial}"
                published = now - timedelta(
                    minutes=rng.randrange(span_minutes), seconds=serial % 60
                )
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=Page._get_path(section.path, section.depth + 1, step),
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        content_type=content_type,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
                extra.append(
                    {
                        "dateline": rng.choice(PLACES),
                        "byline": rng.choice(PEOPLE),
                        "agency": rng.choice(AGENCIES),
                        "summary": " ".join(rng.sample(SENTENCES, 2))[:400],
                        "lead_image_id": pictures[serial % len(pictures)].pk if pictures else None,
                        "body": _body(rng),
                        "source_id": f"{SOURCE_PREFIX}{serial}",
                        "tags": rng.sample(tags, rng.randint(2, 4)),
                    }
                )
            Page.objects.bulk_create(pages, batch_size=500)
            if connection.vendor != "postgresql":
                # SQLite returns ids from bulk_create only on new versions; read them back.
                ids = dict(
                    Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "id")
                )
                for page in pages:
                    page.pk = page.id = ids[page.path]
            articles, links = [], []
            for page, data in zip(pages, extra, strict=True):
                tags_for = data.pop("tags")
                article = ArticlePage(page_ptr_id=page.pk, **data)
                article.body = data["body"]
                articles.append(article)
                links += [ArticleTag(tag_id=tag.pk, content_object_id=page.pk) for tag in tags_for]
            for chunk in range(0, len(articles), 500):
                _insert(ArticlePage, articles[chunk : chunk + 500], article_fields)
            ArticleTag.objects.bulk_create(links, batch_size=1000)
        made += n_batch
        if stdout is not None:
            stdout.write(f"  {made} / {count} articles")
    for section in sections:
        # Not section.get_children(): treebeard trusts the stale numchild held in memory.
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        Page.objects.filter(pk=section.pk).update(numchild=children.count())
    return GenerateSummary(articles=made, tags=len(tags), images=len(pictures))
