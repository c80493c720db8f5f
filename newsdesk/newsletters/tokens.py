"""Signed links in newsletter mail: confirm (expiring), manage and unsubscribe (lasting).

Each purpose signs with its own salt, derived from SECRET_KEY (so a token of one purpose
never opens another, and rotating the key retires every link at once).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM = "confirm"
MANAGE = "manage"
UNSUBSCRIBE = "unsubscribe"


class TokenInvalid(Exception):
    """The link was altered, is for another purpose, or has expired."""


def _salt(purpose: str) -> str:
    return "newsdesk.newsletters." + salted_hmac("newsletters-token-salt", purpose).hexdigest()


def confirm_token(*, subscriber_id: int, newsletter_ids: list[int]) -> str:
    """A double opt-in link's token: who, and which newsletters they asked for."""
    return signing.dumps(
        {"s": subscriber_id, "n": sorted(newsletter_ids)}, salt=_salt(CONFIRM), compress=True
    )


def confirm_token_read(token: str) -> tuple[int, list[int]]:
    try:
        data = signing.loads(
            token, salt=_salt(CONFIRM), max_age=settings.NEWSLETTERS_CONFIRM_MAX_AGE
        )
        return int(data["s"]), [int(n) for n in data["n"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise TokenInvalid from error


def subscriber_token(*, subscriber_id: int, purpose: str) -> str:
    """A lasting token for ``purpose`` (manage or unsubscribe) naming one subscriber."""
    return signing.Signer(salt=_salt(purpose)).sign(str(subscriber_id))


def subscriber_token_read(token: str, *, purpose: str) -> int:
    try:
        return int(signing.Signer(salt=_salt(purpose)).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise TokenInvalid from error
