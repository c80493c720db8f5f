"""Response headers Django does not set itself."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switch off browser features newsdesk never uses (camera, microphone, geolocation...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
