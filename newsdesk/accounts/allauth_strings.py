"""allauth strings our sign-in and sign-up pages show, which allauth does not translate
into Afrikaans (it ships no af catalog).

Listed here only so makemessages puts them in our catalog: Django looks up a msgid in
LOCALE_PATHS first, so our translation serves allauth's own gettext call.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    gettext_noop("Forgot your password?"),
    gettext_noop("Remember Me"),
    gettext_noop("Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
)
