"""The account's own part of the reader's export."""

from wagtail import hooks

from newsdesk.accounts.export import account_exporter
from newsdesk.core.hooks import USER_DATA_EXPORT

hooks.register(USER_DATA_EXPORT, account_exporter)
