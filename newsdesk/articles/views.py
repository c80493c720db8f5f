"""The tag page: everything tagged with a person, place or topic, newest first.

It lives in articles because tags sit below articles in the layer map.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from newsdesk.articles.selectors import article_cards, article_list_for_tag, site_for_request
from newsdesk.tags.selectors import tag_by_slug


def tag_detail(request, slug: str):
    tag = tag_by_slug(slug=slug)
    site = site_for_request(request)
    if tag is None or site is None:
        raise Http404("No such tag.")
    paginator = Paginator(
        article_list_for_tag(tag=tag, site_root=site.root_page), settings.NEWSDESK_PAGE_SIZE
    )
    # A tag with no public story on this site (only drafts, restricted stories or another
    # site's) has no page: answering 200 would confirm an embargoed tag and its name.
    if not paginator.count:
        raise Http404("No such tag.")
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "tags/tag_page.html",
        {
            "tag": tag,
            "page_obj": page_obj,
            "articles": article_cards(articles=page_obj.object_list, request=request),
        },
    )
