"""Public comment endpoints.

The article page itself is the same for everyone; it loads the thread from
``thread_fragment`` (public, cacheable for a few seconds) and the reader's state from
``me`` (private). ``thread_page`` is the server-rendered thread for readers without
JavaScript; the write endpoints answer JSON to the script and redirect forms back.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings as django_settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from newsdesk.discussions import policy, selectors, services
from newsdesk.discussions.models import Comment, CommentReport
from newsdesk.profiles.decorators import CREATE_PROFILE_URL, SIGN_IN_URL, profile_required
from newsdesk.profiles.selectors import profile_for_user
from newsdesk.sanctions.selectors import sanction_active_for

SIGN_IN_TO_COMMENT = _("Sign in to join the conversation.")
CREATE_PROFILE_TO_COMMENT = _("Create your public profile to comment.")
SETTINGS_SAVED = _("Your notification settings are saved.")
FEATURE = "discussions.feature_comment"
RECOMMENDED = _("You recommended this comment.")
UNRECOMMENDED = _("You took back your recommendation.")
FEATURED = _("The comment is now one of the editors' picks.")
UNFEATURED = _("The comment is no longer one of the editors' picks.")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _article_or_404(request, article_id: int):
    """The article and its own site (whose policy and sanctions apply), or 404."""
    article = selectors.article_for_comments(article_id=article_id)
    site = selectors.discussion_site_for(article=article, request=request) if article else None
    # An article outside every site has no policy to check comments against.
    if site is None:
        raise Http404("No such article.")
    return article, site


def _thread_url(article_id: int, anchor: str = "") -> str:
    return reverse("discussions:thread", args=[article_id]) + (f"#{anchor}" if anchor else "")


def _comment_anchor(comment_id: int) -> str:
    return f"comment-{comment_id}"


def _context(request, article, site, cursor=None):
    """The thread in the order and tab the URL names (``?sort=``, ``?tab=``)."""
    settings = selectors.discussion_settings_for(site=site)
    sort = selectors.thread_sort(request.GET.get("sort"))
    tab = selectors.thread_tab(request.GET.get("tab"))
    return {
        "article": article,
        "state": selectors.discussion_state(article=article, settings=settings),
        "count": selectors.comment_count(article=article),
        "thread": selectors.thread_page(article=article, cursor=cursor, sort=sort, tab=tab),
        "sort": sort,
        "tab": tab,
        "sorts": _sort_choices(),
    }


def _sort_choices():
    return [
        (selectors.SORT_NEWEST, _("Newest")),
        (selectors.SORT_OLDEST, _("Oldest")),
        (selectors.SORT_RECOMMENDED, _("Most recommended")),
        (selectors.SORT_REPLIES, _("Most replies")),
    ]


def _single_thread(article, root_id: str | None):
    """The thread a ``?thread=`` names, with every reply, or None."""
    if not (root_id and root_id.isdigit()):
        return None
    root = Comment.objects.filter(
        pk=int(root_id), article_id=article.pk, parent__isnull=True
    ).first()
    if root is None or root.status not in (Comment.Status.PUBLISHED, Comment.Status.DELETED):
        return None
    return selectors.ThreadPage(roots=selectors.thread_for_root(root=root))


@require_GET
@require_GET
def comments_policy(request):
    """A stable, named link to the policy page, whose slug editors may change."""
    site = Site.find_for_request(request)
    page = selectors.comments_policy_page_for(site=site) if site else None
    if page is None:
        raise Http404("This site has no comments policy page.")
    return redirect(page.get_url(request))


def thread_fragment(request, article_id: int):
    """The thread as an HTML fragment: the same for every reader, so briefly cacheable."""
    article, site = _article_or_404(request, article_id)
    context = _context(request, article, site, cursor=request.GET.get("after"))
    single = _single_thread(article, request.GET.get("thread"))
    if single is not None:
        # One thread with all its replies: what "show more replies" loads in place.
        context.update(thread=single, single_thread=True)
    response = HttpResponse(render_to_string("discussions/_thread.html", context))
    patch_cache_control(
        response,
        public=True,
        max_age=django_settings.NEWSDESK_COMMENTS_FRAGMENT_MAX_AGE,
        s_maxage=django_settings.NEWSDESK_COMMENTS_FRAGMENT_MAX_AGE,
        stale_while_revalidate=30,
    )
    return response


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _path_on_site(article, request) -> str:
    """The article's path on its site: ``page.url`` is absolute once there are two sites."""
    parts = article.get_url_parts(request)
    return parts[2] if parts else "/"


@require_GET
def me(request, article_id: int):
    """What this reader may do on this article's thread (private, never cached)."""
    article, site = _article_or_404(request, article_id)
    settings = selectors.discussion_settings_for(site=site)
    state = selectors.discussion_state(article=article, settings=settings)
    data = {
        "closed": state.closed,
        "signed_in": request.user.is_authenticated,
        "has_profile": False,
        "may_post": False,
        "message": "",
        "sign_in_url": f"{SIGN_IN_URL}?next={quote(_path_on_site(article, request))}",
        "create_profile_url": f"{CREATE_PROFILE_URL}?next={quote(_path_on_site(article, request))}",
        "own": [],
        "editable": [],
        "reported": [],
        "held": [],
        "recommended": [],
        "may_feature": False,
    }
    if request.user.is_authenticated:
        profile = profile_for_user(user=request.user)
        data["has_profile"] = profile is not None
        data["csrf_token"] = get_token(request)
        if profile is None:
            data["message"] = CREATE_PROFILE_TO_COMMENT
        else:
            data["username"] = profile.username
            data["display_name"] = profile.shown_name
            sanction = sanction_active_for(user=request.user, site=site)
            if sanction is not None:
                data["message"] = services.SANCTIONED.format(reason=sanction.reason)
            data["may_post"] = not state.closed and sanction is None
        own = list(
            Comment.objects.filter(article_id=article.pk, author=request.user)
            .exclude(status=Comment.Status.DELETED)
            .order_by("-created_at")[:200]
        )
        data["own"] = [c.pk for c in own]
        data["editable"] = [
            c.pk
            for c in own
            if not state.closed and c.is_editable(window_minutes=settings.edit_window_minutes)
        ]
        data["held"] = [
            {"id": c.pk, "html": c.body_html} for c in own if c.status == Comment.Status.PENDING
        ]
        data["reported"] = list(
            CommentReport.objects.filter(
                reporter=request.user, comment__article_id=article.pk
            ).values_list("comment_id", flat=True)[:500]
        )
        data["recommended"] = selectors.comment_recommended_ids(user=request.user, article=article)
        data["may_feature"] = request.user.has_perm(FEATURE)
    elif state.closed:
        data["message"] = services.CLOSED
    else:
        data["message"] = SIGN_IN_TO_COMMENT
    return _private(JsonResponse(data))


@require_GET
def thread_page(request, article_id: int):
    """The whole conversation as a page of its own: works without JavaScript."""
    article, site = _article_or_404(request, article_id)
    context = _context(request, article, site, cursor=request.GET.get("after"))
    single = _single_thread(article, request.GET.get("thread"))
    if single is not None:
        context.update(thread=single, single_thread=True)
    reply_to = None
    if request.GET.get("reply_to", "").isdigit() and not context["state"].closed:
        reply_to = Comment.objects.filter(
            pk=int(request.GET["reply_to"]),
            article_id=article.pk,
            status=Comment.Status.PUBLISHED,
        ).first()
    profile = profile_for_user(user=request.user)
    context.update(
        {
            "profile": profile,
            "reply_to": reply_to,
            "own_ids": set(
                Comment.objects.filter(article_id=article.pk, author=request.user).values_list(
                    "pk", flat=True
                )
            )
            if request.user.is_authenticated
            else set(),
            "sign_in_url": f"{SIGN_IN_URL}?next={quote(request.get_full_path())}",
            "create_profile_url": f"{CREATE_PROFILE_URL}?next={quote(request.get_full_path())}",
        }
    )
    return _private(render(request, "discussions/thread_page.html", context))


def _error(request, error: services.CommentError | policy.RateLimited, fallback_url: str):
    if isinstance(error, policy.RateLimited):
        status, message, extra = 429, error.message, {"retry_after": error.retry_after}
    else:
        status, message, extra = error.status, error.message, {"reasons": error.reasons}
    if _wants_json(request):
        response = JsonResponse({"ok": False, "message": message, **extra}, status=status)
    elif status == 429:
        response = render(
            request, "discussions/message.html", {"message": message, "back": fallback_url}
        )
        response.status_code = 429
    else:
        messages.error(request, message)
        response = redirect(fallback_url)
    if status == 429:
        response["Retry-After"] = str(error.retry_after)
    return _private(response)


def _json_auth_error(request):
    """The script gets a message and a link instead of a redirect to sign in."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"ok": False, "message": SIGN_IN_TO_COMMENT, "sign_in_url": SIGN_IN_URL}, status=403
        )
    if profile_for_user(user=request.user) is None:
        return JsonResponse(
            {"ok": False, "message": CREATE_PROFILE_TO_COMMENT, "url": CREATE_PROFILE_URL},
            status=403,
        )
    return None


def reader_required(view):
    """``profile_required`` for forms; a JSON 403 for the script."""
    guarded = profile_required(view)

    def wrapper(request, *args, **kwargs):
        if _wants_json(request):
            error = _json_auth_error(request)
            if error is not None:
                return _private(error)
        return guarded(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _comment_html(request, comment: Comment) -> str:
    return render_to_string("discussions/_comment.html", {"comment": comment, "mine": True})


@require_POST
@reader_required
def comment_create(request, article_id: int):
    article, site = _article_or_404(request, article_id)
    reply_to = None
    if request.POST.get("reply_to", "").isdigit():
        reply_to = Comment.objects.filter(pk=int(request.POST["reply_to"])).first()
        if reply_to is None:
            return _error(
                request, services.CommentError(services.BAD_PARENT), _thread_url(article.pk)
            )
    try:
        comment, decision = services.comment_post(
            author=request.user,
            article=article,
            body=request.POST.get("body", ""),
            reply_to=reply_to,
            site=site,
        )
    except (services.CommentError, policy.RateLimited) as error:
        return _error(request, error, _thread_url(article.pk))
    if _wants_json(request):
        return _private(
            JsonResponse(
                {
                    "ok": True,
                    "id": comment.pk,
                    "status": comment.status,
                    "message": decision.message,
                    "html": _comment_html(request, comment),
                },
                status=201,
            )
        )
    messages.success(request, decision.message)
    return redirect(_thread_url(article.pk, _comment_anchor(comment.pk)))


def _own_comment_or_404(comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)


@require_http_methods(["GET", "POST"])
@reader_required
def comment_edit(request, comment_id: int):
    # Only while the story is public: editing shows the story's title and posts on it.
    comment = get_object_or_404(
        Comment.objects.on_public_articles().select_related("article"), pk=comment_id
    )
    back = _thread_url(comment.article_id, _comment_anchor(comment.pk))
    if comment.author_id != request.user.pk:
        raise Http404("No such comment.")
    if request.method == "GET":
        settings = selectors.discussion_settings_for(
            site=selectors.discussion_site_for(article=comment.article, request=request)
        )
        if selectors.discussion_state(article=comment.article, settings=settings).closed:
            # A form that every submit would refuse is a dead end: say why on the thread.
            messages.error(request, services.CLOSED)
            return _private(redirect(back))
        return _private(render(request, "discussions/edit.html", {"comment": comment}))
    try:
        comment, decision = services.comment_edit(
            comment=comment,
            user=request.user,
            body=request.POST.get("body", ""),
        )
    except (services.CommentError, policy.RateLimited) as error:
        return _error(request, error, back)
    if _wants_json(request):
        return _private(
            JsonResponse(
                {
                    "ok": True,
                    "id": comment.pk,
                    "status": comment.status,
                    "message": decision.message,
                    "html": _comment_html(request, comment),
                }
            )
        )
    messages.success(request, decision.message)
    return redirect(back)


@require_POST
@reader_required
def comment_delete(request, comment_id: int):
    comment = _own_comment_or_404(comment_id)
    back = _thread_url(comment.article_id)
    try:
        services.comment_delete(comment=comment, user=request.user)
    except services.CommentError as error:
        return _error(request, error, back)
    if _wants_json(request):
        return _private(JsonResponse({"ok": True, "message": services.DELETED}))
    messages.success(request, services.DELETED)
    return redirect(back)


@require_http_methods(["GET", "POST"])
@reader_required
def comment_report(request, comment_id: int):
    # Only what the thread shows everyone: a held comment is its author's and the
    # moderators' business, and the form quotes the comment in full.
    comment = get_object_or_404(
        Comment.objects.public().select_related("article", "author__profile"), pk=comment_id
    )
    back = _thread_url(comment.article_id, _comment_anchor(comment.pk))
    if request.method == "GET":
        return _private(
            render(
                request,
                "discussions/report.html",
                {"comment": comment, "reasons": CommentReport.Reason.choices},
            )
        )
    try:
        services.comment_report(
            comment=comment,
            reporter=request.user,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        )
    except services.CommentError as error:
        return _error(request, error, back)
    if _wants_json(request):
        return _private(JsonResponse({"ok": True, "message": services.REPORTED}, status=201))
    messages.success(request, services.REPORTED)
    return redirect(back)


@require_http_methods(["GET", "POST"])
@profile_required
def my_comments(request):
    """The reader's own comments with their status and, if rejected, the reasons."""
    if request.method == "POST":
        services.commenter_settings_update(
            user=request.user,
            notify_on_reply=request.POST.get("notify_on_reply") == "on",
            notify_on_rejection=request.POST.get("notify_on_rejection") == "on",
        )
        messages.success(request, SETTINGS_SAVED)
        return redirect("discussions:mine")
    return _private(
        render(
            request,
            "discussions/mine.html",
            {
                "comments": selectors.comments_mine(user=request.user),
                "commenter": selectors.commenter_settings_for(user=request.user),
                "profile": request.profile,
            },
        )
    )


@require_GET
def comment_permalink(request, comment_id: int):
    """A comment's stable address: the thread page that holds it, at the comment."""
    comment = get_object_or_404(Comment.objects.public().select_related("article"), pk=comment_id)
    root, cursor, expand = selectors.comment_permalink_target(comment=comment)
    query = f"?thread={root.pk}" if expand else (f"?after={cursor}" if cursor else "")
    url = reverse("discussions:thread", args=[comment.article_id]) + query
    return redirect(f"{url}#{_comment_anchor(comment.pk)}")


@require_http_methods(["GET", "POST"])
@reader_required
def comment_recommend(request, comment_id: int):
    """Recommend a comment or take it back; without JavaScript, a one-button form."""
    comment = get_object_or_404(
        Comment.objects.public().select_related("article", "author__profile"), pk=comment_id
    )
    back = _thread_url(comment.article_id, _comment_anchor(comment.pk))
    if request.method == "GET":
        recommended = comment.pk in selectors.comment_recommended_ids(
            user=request.user, article=comment.article
        )
        return _private(
            render(
                request,
                "discussions/recommend.html",
                {"comment": comment, "recommended": recommended, "back": back},
            )
        )
    try:
        recommended, count = services.comment_recommend_toggle(comment=comment, user=request.user)
    except services.CommentError as error:
        return _error(request, error, back)
    message = RECOMMENDED if recommended else UNRECOMMENDED
    if _wants_json(request):
        return _private(
            JsonResponse(
                {"ok": True, "recommended": recommended, "count": count, "message": str(message)}
            )
        )
    messages.success(request, message)
    return redirect(back)


@require_POST
def comment_feature(request, comment_id: int):
    """Editors and moderators pick a comment (or unpick it) from the thread itself."""
    if not request.user.has_perm(FEATURE):
        raise Http404("No such comment.")
    comment = get_object_or_404(Comment.objects.public(), pk=comment_id)
    featured = request.POST.get("featured") != "0"
    comment = services.comment_feature(comment=comment, moderator=request.user, featured=featured)
    message = FEATURED if comment.featured else UNFEATURED
    if _wants_json(request):
        return _private(
            JsonResponse({"ok": True, "featured": comment.featured, "message": str(message)})
        )
    messages.success(request, message)
    return redirect(_thread_url(comment.article_id, _comment_anchor(comment.pk)))
