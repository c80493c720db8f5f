"""``/search/?q=``: the site's stories, filtered by section and date, with snippets."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from wagtail.models import Site

from newsdesk.articles.selectors import article_cards
from newsdesk.search.forms import SearchForm
from newsdesk.search.selectors import article_search, search_sections
from newsdesk.search.snippets import body_text, highlight, query_terms


def search(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    sections = search_sections(site=site)
    form = SearchForm(request.GET or None, sections=sections)
    context = {"form": form, "noindex": True, "query": "", "results": [], "page_obj": None}
    status = 200
    if request.GET and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["q"]:
        data = form.cleaned_data
        section = next((s for s in sections if s.slug == data["section"]), None)
        results = article_search(
            site=site,
            query=data["q"],
            section=section,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
        page_obj = Paginator(results, settings.NEWSDESK_PAGE_SIZE).get_page(request.GET.get("page"))
        terms = query_terms(data["q"])
        cards = article_cards(articles=page_obj.object_list, request=request)
        context.update(
            query=data["q"],
            page_obj=page_obj,
            results=[
                {
                    "card": card,
                    "snippet": highlight(
                        f"{card.article.summary} {body_text(card.article.body.raw_data)}", terms
                    ),
                }
                for card in cards
            ],
            querystring=_querystring_without_page(request),
        )
    response = render(request, "search/search_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
