# Varnish in front of newsdesk (Varnish 7; Debian's `varnish` package, no extra vmods).
#
# - Public pages are cached for as long as their Cache-Control allows (s-maxage), and
#   served stale while Varnish refetches them (stale-while-revalidate sets the grace).
# - Only responses the app marked `public` are stored: never one with Set-Cookie, a
#   Vary on Cookie, or private/no-store/no-cache.
# - Purging (newsdesk.caching.backends.VarnishBackend, through Wagtail's front-end cache):
#     PURGE /world/                  every cached query string of that path, on any host
#     BAN / + X-Ban-Tags: site-1     every object whose Cache-Tag header lists the tag
#   Both become bans on object headers only, so the ban lurker clears them in the
#   background and the ban list stays short.
# - Signed-in readers get the cached page like everyone: public pages hold nothing
#   personal (the app marks anything else private or `Vary: Cookie`, never stored here),
#   and the cache key is host and URL only, never a cookie.
# - The admin, sign-in pages, non-GET requests and editors/moderators (the
#   `newsdesk_editor` marker cookie the app sets at sign-in for users with admin access)
#   go straight to the app, as does a reader for a few minutes after their own write
#   (`newsdesk_fresh`). Forging either cookie only gets one an uncached page.
# - Only the app's own cookies (session, CSRF, the anonymous location choice, messages)
#   are passed on, so personal endpoints such as the location boxes still see them;
#   analytics and other cookies are dropped.
#
# Point the backend at your app (or a director over several app processes), and list
# the hosts allowed to purge in `purgers`.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here."));
        }
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Banning is not allowed from here."));
        }
        if (req.http.X-Ban-Tags !~ "^[A-Za-z0-9_.:-]+( [A-Za-z0-9_.:-]+)*$") {
            return (synth(400, "X-Ban-Tags: space-separated cache tags required."));
        }
        ban("obj.http.Cache-Tag ~ (^|,)(" + regsuball(req.http.X-Ban-Tags, " ", "|") + ")(,|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|django-admin)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # Editors and moderators see what the app renders now (see docs/PERFORMANCE.md).
    # The same for a reader's own recent write (newsdesk_fresh, set for s-maxage).
    if (req.http.Cookie ~ "(^|;\s*)newsdesk_(editor|fresh)=") {
        return (pass);
    }
    # Keep the app's own cookies, drop the rest. They never enter the hash (host + URL):
    # a response that used one says so (private, Vary: Cookie, Set-Cookie) and is not stored.
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, ";\s*", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid|csrftoken|newsdesk_location|messages)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    return (hash);
}

sub vcl_backend_response {
    # Remembered on the object so that PURGE can ban by path alone (lurker-friendly).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Vary ~ "(?i)cookie"
        || beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache") {
        # Not for sharing: remember that for a while, so requests don't queue behind it.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status >= 500) {
        # Never keep an error; the next reader asks the app again.
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # Varnish already took the TTL from s-maxage and the grace from stale-while-revalidate.
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # The app is down and nothing stale is left: say so plainly.
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "10";
    synthetic("The site is busy; please try again in a few seconds.");
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
