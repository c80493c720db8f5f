"""Settings shared by every profile: the embedded default (SQLite, a shared disk cache).

Scale-out is switched on by environment variables alone (``DATABASE_URL``,
``REDIS_URL``); see ``env.py`` for the full list and ``docs/DEPLOY.md``.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

import dj_database_url

from .env import ENV, REPO_DIR
from .secret_key import secret_key_for_data_dir

PROJECT_DIR = REPO_DIR / "newsdesk"
DATA_DIR = ENV.data_dir

# Without DJANGO_SECRET_KEY each install makes its own key in the data folder (mode 0600);
# production.py still insists on the environment variable. docs/SECURITY.md, row 1.
SECRET_KEY = ENV.secret_key or secret_key_for_data_dir(DATA_DIR)
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts or ["127.0.0.1", "localhost", ".localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    # newsdesk, one app per capability
    "newsdesk.core",
    "newsdesk.network",
    "newsdesk.accounts",
    "newsdesk.profiles",
    "newsdesk.images",
    "newsdesk.tags",
    "newsdesk.authors",
    "newsdesk.sections",
    "newsdesk.articles",
    "newsdesk.galleries",
    "newsdesk.editorial",
    "newsdesk.ingest",
    "newsdesk.caching",
    "newsdesk.scale",
    "newsdesk.demo",
    "newsdesk.backups",
    "newsdesk.sanctions",
    "newsdesk.discussions",
    "newsdesk.contributions",
    "newsdesk.local",
    "newsdesk.live",
    "newsdesk.liveblogs",
    "newsdesk.distribution",
    "newsdesk.search",
    "newsdesk.analytics",
    "newsdesk.newsletters",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    # Stories in several languages: a locale per page tree, "Translate" in the admin.
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The read API's docs: installed so Swagger UI comes from django-ninja's own static
    # files (no CDN, no inline script), which the site's CSP allows.
    "ninja",
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # allauth's "your sessions" page loads {% load humanize %}.
    "django.contrib.humanize",
    # Reader sign-in (issue #3)
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsdesk.caching.middleware.PageCacheMiddleware",
    "newsdesk.caching.middleware.PublicCacheHeadersMiddleware",
    "newsdesk.accounts.middleware.NetworkSessionMiddleware",
    # The site's own language for its public pages; never the reader's (docs/I18N.md).
    "newsdesk.network.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsdesk.caching.middleware.EditorMarkerMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsdesk.core.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # --- reliability --- last, so it sees the views' exceptions first (docs/RELIABILITY.md)
    "newsdesk.reliability.middleware.OutageMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"
ASGI_APPLICATION = "newsdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsdesk.network.context_processors.network",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if ENV.database_url:
    _db = dj_database_url.parse(ENV.database_url, conn_max_age=ENV.database_conn_max_age)
    # After a database restart, a kept or pooled connection is checked before use and
    # replaced if dead, so readers see errors only while the server is really down.
    _db["CONN_HEALTH_CHECKS"] = True
    if _db["ENGINE"] == "django.db.backends.postgresql" and ENV.database_pool:
        # psycopg 3's pool keeps connections warm between requests of one process.
        _db["CONN_MAX_AGE"] = 0
        _db.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": 8, "timeout": 10}
    DATABASES = {"default": _db}
else:
    # The embedded default keeps everything in one data folder; make it on first use.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "newsdesk.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
                # timeout instead of failing with "database is locked" on lock upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA mmap_size=134217728;"
                    "PRAGMA journal_size_limit=67108864;"
                    "PRAGMA cache_size=2000;"
                ),
            },
        }
    }
    if not ENV.sqlite_tuning:
        # SQLite's stock behaviour: deferred transactions, rollback journal, 5 s timeout.
        DATABASES["default"]["OPTIONS"] = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
if ENV.redis_url:
    CACHES = {
        "default": {
            # Django's RedisCache, failing open for reads and closed for limits (reliability)
            "BACKEND": "newsdesk.reliability.cache.ResilientRedisCache",
            "LOCATION": ENV.redis_url,
            "KEY_PREFIX": "newsdesk",
            "TIMEOUT": 300,
            # redis-py waits forever by default: a Redis that stops answering (a dropped
            # network path, not a refused port) would hang every request. Give up quickly
            # and fail open or closed as above.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    # One cache for every process of `serve` (web workers, task worker, scheduler): a
    # purge or a rate-limit count made by one is seen by all. diskcache keeps it in SQLite
    # files in the data folder; a hit costs ~30 µs against ~270 µs for Django's file cache
    # and ~170 µs for its database cache (bench/cache_backends.py, docs/PERFORMANCE.md).
    CACHES = {
        "default": {
            # diskcache.DjangoCache that keeps its connections between requests.
            "BACKEND": "newsdesk.caching.diskcache_backend.PersistentDiskCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "TIMEOUT": 300,
            # Shards spread writers over several SQLite files; a busy shard makes a write
            # give up after DATABASE_TIMEOUT instead of queueing the request behind it.
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.5,
            "OPTIONS": {"size_limit": 2**30},  # 1 GiB, least recently stored evicted first
        },
    }

# Wagtail writes every rendition it uses to its cache on every render (17 writes
# for the homepage): each a write to the shared cache (SQLite, or Redis). A
# rendition row never changes, so a small cache per process is enough; when an
# editor replaces a picture, other processes may point at the old file for at
# most TIMEOUT seconds, less than the page cache keeps the page that shows it.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsdesk-renditions",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-za"
TIME_ZONE = ENV.time_zone
USE_I18N = True
# The languages a site or a story can be in (Settings -> Site settings, page locales).
LANGUAGES = [("en", "English"), ("af", "Afrikaans")]
# Each page tree has a locale (Wagtail's i18n); stories link to their translations.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_TZ = True
# The interface catalogs (django.po for Python and templates, djangojs.po for the site
# scripts); docs/I18N.md says how to add a language.
LOCALE_PATHS = [REPO_DIR / "locale"]

# --- Static and media -----------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = ENV.default_from_email
if ENV.email_url:
    _mail = urlparse(ENV.email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 587
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT, ... (Django's own names) override EMAIL_URL piece by
# piece; a host alone means SMTP. DJANGO_EMAIL_BACKEND picks any backend, e.g. the file
# backend with DJANGO_EMAIL_FILE_PATH (used by the newsletter journeys to read the mail).
if "EMAIL_HOST" in ENV.email_settings and "EMAIL_BACKEND" not in ENV.email_settings:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_TIMEOUT = 10
globals().update(ENV.email_settings)

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "newsdesk"
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "avif"]
# Editors' uploads are checked and re-encoded without metadata (EXIF/GPS, XMP, ICC after
# conversion to sRGB, comments) like readers' (issue #13, row 9): newsdesk/images/forms.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.images.forms.CleanImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

if ENV.frontend_cache_urls:
    WAGTAILFRONTENDCACHE = {
        f"cache{index}": {
            "BACKEND": "newsdesk.caching.backends.VarnishBackend",
            "LOCATION": url,
        }
        for index, url in enumerate(ENV.frontend_cache_urls)
    }

# --- Security headers -------------------------------------------------------------------
# Every response: no MIME sniffing, no framing, a strict referrer policy and a CSP that the
# site's own pages satisfy (no inline scripts or styles). Wagtail's admin uses inline
# scripts, so it is left out of the CSP and keeps Django's other protections.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form gets the site's own 403 page (issue #14), not Django's bare one.
CSRF_FAILURE_VIEW = "newsdesk.network.errors.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Embedded video and posts in story bodies (Wagtail embeds).
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://platform.twitter.com",
        ],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https://www.facebook.com", "https://accounts.google.com"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- outbound HTTP (issue #13): newsdesk.core.http.fetch ---------------------------------
# CIDR networks that server-side fetches may reach although they are not public (an
# operator's own wire server, say). Empty: only public internet addresses.
NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ENV.outbound_allow_networks
NEWSDESK_OUTBOUND_MAX_REDIRECTS = 5

# --- newsdesk -------------------------------------------------------------------------------
# How long a front cache (CDN, Varnish) may keep a public page, and serve it stale while
# it fetches a fresh copy. Publishing purges, so these bound staleness only without purge.
NEWSDESK_CACHE_MAX_AGE = 60
NEWSDESK_CACHE_S_MAXAGE = 300
NEWSDESK_CACHE_STALE_WHILE_REVALIDATE = 600
NEWSDESK_PAGE_SIZE = 20
# The demo's staff accounts have a published password: production.py turns this off, and
# load_demo / serve then need to be asked by name (docs/SECURITY.md, row 10).
NEWSDESK_DEMO_ALLOWED = True
# Reader uploads (avatars, story photos, picture submissions): see images/uploads.py.
NEWSDESK_UPLOAD_MAX_BYTES = 12 * 1024 * 1024
NEWSDESK_UPLOAD_MAX_PIXELS = 40_000_000
# All the photos of one request together, read from their headers before any is decoded
# (issue #13): eight 12-megapixel phone photos fit; eight 40-megapixel files do not.
NEWSDESK_UPLOAD_REQUEST_MAX_PIXELS = 100_000_000
# Periodic jobs run by `newsdesk run_scheduler` (started by `newsdesk serve`): a management
# command and how often, in seconds. Every app's jobs, in this one list.
NEWSDESK_PERIODIC_JOBS = [
    {"command": "publish_scheduled", "every": 15},  # Wagtail's scheduled publishing
    {"command": "import_traffic_alerts", "every": 300},  # local
    {"command": "refresh_most_read", "every": 300},  # analytics
    {"command": "poll_ingest_sources", "every": 60},  # ingest
    {"command": "send_newsletters", "every": 60},  # newsletters: due issues, stalled sends
]

# --- newsletters (docs/NEWSLETTERS.md) -------------------------------------------------------
NEWSLETTERS_BATCH_SIZE = 200  # deliveries one sender claims at a time
# A claim older than this belongs to a sender that died: its unsent mail goes back to pending.
NEWSLETTERS_CLAIM_TIMEOUT = 600
NEWSLETTERS_CONFIRM_MAX_AGE = 3 * 24 * 3600  # the double opt-in link's life, in seconds
NEWSLETTERS_WEBHOOK_TOKEN = ENV.newsletters_webhook_token
NEWSLETTERS_UNSUBSCRIBE_MAILTO = ENV.newsletters_unsubscribe_mailto

# --- accounts ---------------------------------------------------------------------------
# Readers sign in with django-allauth (email + password, Facebook, Google, any OpenID
# Connect provider); staff keep Wagtail's admin sign-in. See docs/ACCOUNTS.md.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "/accounts/login/"  # readers; the Wagtail admin keeps its own sign-in page
# ... for staff only, counted against the same allauth limits (docs/SECURITY.md, row 2).
# Its password reset is off: staff reset through /accounts/password/reset/, rate-limited.
WAGTAILADMIN_USER_LOGIN_FORM = "newsdesk.accounts.forms.AdminLoginForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False
LOGIN_REDIRECT_URL = "/people/me/"
ACCOUNT_SIGNUP_REDIRECT_URL = "/people/create/"  # a new reader picks a username first
ACCOUNT_ADAPTER = "newsdesk.accounts.adapters.AccountAdapter"
# Mails and pages name a reader as people see them, never by the internal reader-<hex> handle.
ACCOUNT_USER_DISPLAY = str
SOCIALACCOUNT_ADAPTER = "newsdesk.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = (
    "https" if not ENV.debug and ENV.base_url.startswith("https") else "http"
)
# Rate limits live in the Django cache, which every process shares (the disk cache in the
# data folder, or Redis once REDIS_URL is set), so a limit holds across all of them.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = True
# A social account is found by the provider's subject id, never by its email: an email
# claimed by a provider (verified or not) never signs anyone into an existing account.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_PROVIDERS = {}
if ENV.facebook_client_id:
    SOCIALACCOUNT_PROVIDERS["facebook"] = {
        "APPS": [
            {"client_id": ENV.facebook_client_id, "secret": ENV.facebook_client_secret, "key": ""}
        ],
        "METHOD": "oauth2",
        "SCOPE": ["email", "public_profile"],
        "FIELDS": ["id", "email", "name", "first_name", "last_name"],
        "VERIFIED_EMAIL": False,
    }
if ENV.google_client_id:
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [
            {"client_id": ENV.google_client_id, "secret": ENV.google_client_secret, "key": ""}
        ],
        "SCOPE": ["openid", "profile", "email"],
        "AUTH_PARAMS": {"prompt": "select_account"},
    }
if ENV.oidc_server_url:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": ENV.oidc_provider_id,
                "name": ENV.oidc_provider_name,
                "client_id": ENV.oidc_client_id,
                "secret": ENV.oidc_client_secret,
                "settings": {"server_url": ENV.oidc_server_url},
            }
        ]
    }
# One reader, every site: the session cookie goes to the network's parent domain when the
# request's host is inside it (newsdesk.accounts.middleware), host-only otherwise.
SESSION_COOKIE_DOMAIN = ENV.session_cookie_domain or None
# Each signed-in session is recorded, so a reader can sign out other devices and account
# deletion can end every session (the IP and browser are kept only while it lasts).
USERSESSIONS_TRACK_ACTIVITY = False
NEWSDESK_AVATAR_SIZE = 320
NEWSDESK_AVATAR_MAX_BYTES = 8 * 1024 * 1024
# Per reader (issue #13): each profile save that carries a new picture is decoded and
# re-encoded, so it is limited like contributions, through allauth's rate limiter.
ACCOUNT_RATE_LIMITS["avatar_upload"] = "5/10m/user,20/d/user"
# --- discussions ---
# Readers' comments: the site setting "Comments settings" holds the policy's numbers and
# word lists; these bound what a front cache may keep of the public thread fragment.
NEWSDESK_COMMENTS_FRAGMENT_MAX_AGE = 5
# --- contributions ---
# Reader stories and pictures (newsdesk/contributions): the community section they are
# published in, the shortest story editors consider, and how much one request may upload.
NEWSDESK_CONTRIBUTIONS_SECTION_SLUG = "mynews"
NEWSDESK_CONTRIBUTIONS_SECTION_TITLE = "MyNews"
NEWSDESK_CONTRIBUTIONS_MIN_WORDS = 200
NEWSDESK_CONTRIBUTIONS_MAX_PHOTOS = 8
NEWSDESK_CONTRIBUTIONS_MAX_REQUEST_BYTES = 64 * 1024 * 1024
# Per reader (issue #13): POSTs that carry photos or send a contribution, through
# allauth's rate limiter (accounts' ACCOUNT_RATE_LIMITS above).
ACCOUNT_RATE_LIMITS["contribution_submit"] = "10/10m/user,40/d/user"
# Newsletter sign-ups send a confirmation mail to any address typed in: a few per address.
ACCOUNT_RATE_LIMITS["newsletter_subscribe"] = "10/m/ip,60/h/ip"
NEWSDESK_CONTRIBUTIONS_PAGE_SIZE = 24
# --- local ----------------------------------------------------------------------------------
# Weather: "offline" (deterministic, no network; the default for the demo and tests) or
# "openmeteo" (https://open-meteo.com/), or a dotted path to a WeatherProvider subclass.
NEWSDESK_WEATHER_PROVIDER = ENV.weather_provider
NEWSDESK_WEATHER_CACHE_SECONDS = 600  # one upstream call per place per this period
NEWSDESK_WEATHER_RETRY_SECONDS = 60  # after a failure, ask again no sooner than this
NEWSDESK_WEATHER_CONNECT_TIMEOUT = 2.0
NEWSDESK_WEATHER_READ_TIMEOUT = 3.0
NEWSDESK_LOCAL_FETCH_CONNECT_TIMEOUT = 5.0  # traffic feeds and iCalendar files
NEWSDESK_LOCAL_FETCH_READ_TIMEOUT = 15.0
NEWSDESK_LOCAL_FETCH_MAX_BYTES = 5 * 1024 * 1024  # a feed or calendar larger is refused
NEWSDESK_LOCAL_DEFAULT_PLACE = "johannesburg"  # what readers see before they choose
NEWSDESK_LOCAL_HOME_COUNTRY = "South Africa"
NEWSDESK_LOCATION_COOKIE = "newsdesk_location"

# --- live -----------------------------------------------------------------------------------
NEWSDESK_LIVE_POLL_SECONDS = 30  # how often an open homepage asks for new stories
NEWSDESK_LIVE_MAX_AGE = 5  # how long browsers and front caches may keep /live/latest.json
NEWSDESK_LIVE_CACHE_SECONDS = 5  # server-side copy; publishing forgets it at once
# Live blogs: an open live blog asks for new entries this often (while its tab is visible);
# the goal is an entry visible within this plus a second of being posted.
NEWSDESK_LIVEBLOG_POLL_SECONDS = 10
NEWSDESK_LIVEBLOG_SHARED_MAX_AGE = 60  # front caches keep the entries document; writes purge it
NEWSDESK_LIVEBLOG_DOCUMENT_SECONDS = 300  # server-side copy, keyed by the blog's version
# --- caching (issue #8): the page cache and the scale-out profile ---------------------------
# The app-level page cache answers public GET/HEAD from CACHES["default"] (the shared disk
# cache, or Redis with REDIS_URL); NEWSDESK_PAGE_CACHE=false turns it off.
NEWSDESK_PAGE_CACHE = ENV.page_cache
# Set at sign-in for users with admin access: their requests bypass the page cache (and
# Varnish, deploy/varnish/default.vcl), so editors and moderators see fresh pages.
NEWSDESK_EDITOR_COOKIE = "newsdesk_editor"
# Set for s-maxage after a signed-in reader's own write (POST...), so they see their new
# comment or profile at once while everyone else keeps the cached page.
NEWSDESK_FRESH_COOKIE = "newsdesk_fresh"
if ENV.redis_url:
    # Sessions read from Redis and survive its restart in the database.
    SESSION_ENGINE = "newsdesk.reliability.sessions"  # cached_db that outlives a Redis outage
if ENV.redis_url and ENV.tasks_backend == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": ENV.redis_url, "DEFAULT_TIMEOUT": 600}}
if ENV.s3_bucket:
    # Media on S3-compatible storage; each upload gets its own name, never overwritten.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV.s3_bucket,
            "endpoint_url": ENV.s3_endpoint_url or None,
            "region_name": ENV.s3_region or None,
            "access_key": ENV.s3_access_key_id or None,
            "secret_key": ENV.s3_secret_access_key or None,
            "custom_domain": ENV.s3_custom_domain or None,
            "file_overwrite": False,
            "querystring_auth": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "newsdesk": {"level": ENV.log_level, "handlers": ["console"], "propagate": False},
        # Every task logs twice at INFO; the worker's console shows only problems.
        "django_tasks": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}

# --- distribution, search, analytics, ingest (issue #7) -----------------------------------
NEWSDESK_MOST_READ_SIZE = 5
# Read and view beacons per client (reader, or address) per minute; each reader also
# counts once per story per day (newsdesk.core.beacons, docs/SECURITY.md row 12).
NEWSDESK_BEACON_RATE = "60/m"
NEWSDESK_SEARCH_MAX_QUERY = 500  # longer queries get a 400
NEWSDESK_INGEST_TIMEOUT = 15  # seconds for fetching a wire source
NEWSDESK_INGEST_MAX_BYTES = 10 * 1024 * 1024
# Runs kept in each wire source's log (Settings -> Wire sources -> Runs); older ones are
# deleted when a new run starts.
NEWSDESK_INGEST_RUNS_KEPT = 50
NEWSDESK_INGEST_FETCHER = "newsdesk.ingest.fetch.HttpFetcher"
