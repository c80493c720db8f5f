"""Reads of a story's versions in other languages (Wagtail's ``translation_key``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class ArticleTranslation:
    """One language version of a story, for hreflang links and "Read in ..." links."""

    language: str
    url: str
    label: str  # "Read in English", in that version's own language
    is_current: bool
    is_default: bool  # the x-default: the version in the network's default language, if any


def article_translations(*, article: Any, request) -> list[ArticleTranslation]:
    """The live versions of ``article`` (an ArticlePage) in each language, itself too; one query.

    Versions share Wagtail's ``translation_key`` (made by the admin's "Translate" action or
    by an importer). A story with no translation gets an empty list: it needs no hreflang.
    URLs come from the site root paths Wagtail keeps cached, so they cost no query.
    """
    # ``type(article)``: this module is read by the article model itself, so it cannot
    # import it.
    versions = list(
        type(article)
        .objects.live()
        .filter(translation_key=article.translation_key)
        .select_related("locale")
        .defer_streamfields()
        .order_by("locale__language_code")
    )
    if len(versions) < 2:
        return []
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    # No version in the default language: no x-default (naming the current version would
    # make each version call itself the default).
    default_pk = next(
        (v.pk for v in versions if v.story_language.split("-")[0] == default_language), None
    )
    result = []
    for version in versions:
        language = version.story_language
        with translation.override(language):
            try:
                name = translation.get_language_info(language)["name_local"]
            except KeyError:  # a code Django has no name for: say the code
                name = language
            label = gettext("Read in %(language)s") % {"language": name}
        result.append(
            ArticleTranslation(
                language=language,
                url=version.get_full_url(request),
                label=label,
                is_current=version.pk == article.pk,
                is_default=version.pk == default_pk,
            )
        )
    return result
