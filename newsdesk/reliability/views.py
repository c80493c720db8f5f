"""The 500 handler: an outage of a backing service is a 503 "try again", not a 500."""

from __future__ import annotations

import sys

from newsdesk.network import errors
from newsdesk.reliability.middleware import outage_response


def server_error(request):
    # Django calls the handler inside its ``except`` block, so the error is at hand.
    error = sys.exc_info()[1]
    if error is not None:
        response = outage_response(request, error)
        if response is not None:
            return response
    return errors.server_error(request)
