"""The author page: who they are, and their stories on this site, newest first."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from newsdesk.articles.selectors import article_cards, site_for_request
from newsdesk.authors.selectors import article_list_for_author, author_by_slug


def author_detail(request, slug: str):
    author = author_by_slug(slug=slug)
    site = site_for_request(request)
    if author is None or site is None:
        raise Http404("No such author.")
    paginator = Paginator(
        article_list_for_author(author=author, site_root=site.root_page),
        settings.NEWSDESK_PAGE_SIZE,
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "authors/author_page.html",
        {
            "author": author,
            "page_obj": page_obj,
            "articles": article_cards(articles=page_obj.object_list, request=request),
        },
    )
