"""Thread orders and the editors' picks tab: keyset pages, constant queries, URLs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.discussions import selectors, services
from newsdesk.discussions.models import Comment
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db


def _roots(article, n, **fields):
    author = reader_factory()
    start = timezone.now() - timedelta(days=1)
    return [
        comment_factory(
            article=article,
            author=author,
            body=f"root {i}",
            created_at=start + timedelta(minutes=i),
        )
        for i in range(n)
    ]


def _all_pages(article, sort, size=4, tab=selectors.TAB_ALL):
    seen, cursor = [], None
    while True:
        page = selectors.thread_page(article=article, cursor=cursor, size=size, sort=sort, tab=tab)
        seen.extend(c.pk for c in page.roots)
        cursor = page.next_cursor
        if cursor is None:
            return seen


def test_each_order_pages_through_every_thread_once_even_with_equal_scores(article):
    roots = _roots(article, 11)
    # Ties on purpose: several threads share each score, which the id must break.
    for index, root in enumerate(roots):
        Comment.objects.filter(pk=root.pk).update(recommend_count=index % 3, reply_count=index % 2)
    by_created = [r.pk for r in roots]
    assert _all_pages(article, "newest") == by_created[::-1]
    assert _all_pages(article, "oldest") == by_created
    fresh = {c.pk: c for c in Comment.objects.filter(article_id=article.pk)}
    for sort, field in (("recommended", "recommend_count"), ("replies", "reply_count")):
        expected = sorted(fresh, key=lambda pk, f=field: (getattr(fresh[pk], f), pk), reverse=True)
        assert _all_pages(article, sort) == expected, sort


def test_most_replies_follows_published_replies_as_they_come_and_go(article):
    quiet, busy = _roots(article, 2)
    reader = reader_factory()
    replies = [
        services.comment_post(author=reader, article=article, body=f"reply {n}", reply_to=quiet)[0]
        for n in range(2)
    ]
    assert Comment.objects.get(pk=quiet.pk).reply_count == 2
    assert [c.pk for c in selectors.thread_page(article=article, sort="replies").roots] == [
        quiet.pk,
        busy.pk,
    ]
    services.comment_delete(comment=replies[0], user=reader)
    assert Comment.objects.get(pk=quiet.pk).reply_count == 1


def test_editors_picks_tab_lists_featured_comments_only(article):
    _plain, picked = _roots(article, 2)
    services.comment_feature(comment=picked, moderator=None)
    page = selectors.thread_page(article=article, tab=selectors.TAB_PICKS)
    assert [c.pk for c in page.roots] == [picked.pk]


def test_unknown_sort_reads_as_newest():
    assert selectors.thread_sort("'; drop table") == "newest"
    assert selectors.thread_sort("recommended") == "recommended"


def test_cursor_of_another_order_or_garbage_opens_the_first_page(article):
    _roots(article, 3)
    for cursor in ("", "abc", "٣.٣", "99999999999999999999.1"):
        assert selectors.thread_page(article=article, cursor=cursor, sort="recommended").roots


def _first_page_queries(client, article, query):
    url = reverse("discussions:fragment", args=[article.pk]) + query
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?sort=oldest", "?sort=recommended", "?sort=replies", "?tab=picks"]
)
def test_first_page_of_each_order_costs_the_same_queries_at_any_length(client, article, query):
    roots = _roots(article, 3)
    reader = reader_factory()
    for n, root in enumerate(roots):
        services.comment_post(author=reader, article=article, body=f"reply {n}", reply_to=root)
    services.comment_feature(comment=roots[0], moderator=None)
    _first_page_queries(client, article, query)  # the site's language is cached per process
    small = _first_page_queries(client, article, query)
    roots = _roots(article, 45)
    for index, root in enumerate(roots):
        if index % 2:
            services.comment_feature(comment=root, moderator=None)
        for n in range(5):
            comment_factory(
                article=article, author=reader, body=f"r{n}", parent=root, in_reply_to=root
            )
    assert _first_page_queries(client, article, query) == small


def test_sort_links_are_cacheable_urls_and_carry_the_order_to_the_next_page(client, article):
    _roots(article, selectors.THREAD_PAGE_SIZE + 2)
    response = client.get(reverse("discussions:fragment", args=[article.pk]) + "?sort=oldest")
    html = response.content.decode()
    assert "public" in response["Cache-Control"]
    assert f'href="/comments/{article.pk}/thread/?sort=recommended"' in html
    assert "?sort=oldest&amp;after=" in html
    assert 'aria-current="true"' in html and "Most replies" in html
    assert "Editors&#x27; picks" in html or "Editors' picks" in html


def test_replies_beyond_three_are_one_link_away_and_load_as_a_cacheable_fragment(client, article):
    (root,) = _roots(article, 1)
    reader = reader_factory()
    for n in range(5):
        comment_factory(
            article=article, author=reader, body=f"reply {n}", parent=root, in_reply_to=root
        )
    html = client.get(reverse("discussions:fragment", args=[article.pk])).content.decode()
    assert html.count('class="comment ') + html.count('class="comment"') == 4
    assert "Show 2 more replies" in html
    assert f"?thread={root.pk}#comment-{root.pk}" in html
    full = client.get(reverse("discussions:fragment", args=[article.pk]) + f"?thread={root.pk}")
    assert "public" in full["Cache-Control"]
    assert (
        full.content.decode().count("reply 4") == 1 and "more replies" not in full.content.decode()
    )
