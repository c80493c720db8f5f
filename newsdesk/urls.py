"""The public URL contract (see docs/ARCHITECTURE.md); Wagtail's page tree comes last."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_core_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.accounts import urls as accounts_urls
from newsdesk.analytics import urls as analytics_urls
from newsdesk.articles import urls as tags_urls
from newsdesk.authors import urls as authors_urls
from newsdesk.contributions import urls as contributions_urls
from newsdesk.core import jsi18n
from newsdesk.core import views as core_views
from newsdesk.discussions import urls as discussions_urls
from newsdesk.distribution import urls as feeds_urls
from newsdesk.distribution import views as distribution_views
from newsdesk.distribution.api import api as read_api
from newsdesk.distribution.sitemaps import sitemap
from newsdesk.live import urls as live_urls
from newsdesk.liveblogs import urls as liveblogs_urls
from newsdesk.local import urls as local_urls
from newsdesk.newsletters import urls as newsletters_urls
from newsdesk.profiles import urls as profiles_urls
from newsdesk.search import views as search_views

# A database or cache outage raised outside a view still gets a 503 "try again".
handler500 = "newsdesk.reliability.views.server_error"
handler404 = "newsdesk.network.errors.page_not_found"
handler403 = "newsdesk.network.errors.permission_denied"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path(
        "jsi18n/<str:language>/<str:version>.js",
        jsi18n.javascript_catalog,
        name="javascript_catalog",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tags/", include(tags_urls)),
    path("people/", include(accounts_urls.people_urlpatterns)),
    path("authors/", include(authors_urls)),
    path("people/", include(profiles_urls)),
    path("accounts/", include(accounts_urls)),
    path("accounts/", include("allauth.urls")),
    path("comments/", include(discussions_urls)),
    path("newsletters/", include(newsletters_urls)),
    path("", include(local_urls)),
    path("", include(live_urls)),
    path("", include(liveblogs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(contributions_urls)),
    # Discovery and distribution (issue #7)
    path("robots.txt", distribution_views.robots_txt, name="robots_txt"),
    path("news-sitemap.xml", distribution_views.news_sitemap, name="news_sitemap"),
    path("feeds/", include(feeds_urls)),
    path("corrections/", distribution_views.corrections_list, name="corrections"),
    path("search/", search_views.search, name="search"),
    path("analytics/", include(analytics_urls)),
    path("api/", read_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    urlpatterns += [path("media/<path:path>", core_views.media, name="media")]

urlpatterns += [
    # Wagtail's own route with <int:...>: a 20-digit id would reach the query and fail
    # there (500). The same view, for ids that can exist; the rest fall through to 404.
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        wagtail_core_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/authenticate_with_password/<path:rest>", core_views.not_found),
    path("", include(wagtail_urls)),
]
