"""Readers for tests: a user with a verified email, with or without a profile.

The one factory for readers (``ReaderFactory``) and for profiles (``ProfileFactory``);
other apps' helpers build on these.
"""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import username_key

PASSWORD = "correct-horse-battery"


class ReaderFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"reader-{n:06d}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ProfileFactory(factory.django.DjangoModelFactory):
    """A reader with a public profile (written directly, without the create screen's checks)."""

    user = factory.SubFactory(ReaderFactory)
    username = factory.Sequence(lambda n: f"reader{n}")
    username_key = factory.LazyAttribute(lambda p: username_key(p.username))
    display_name = factory.LazyAttribute(lambda p: p.username.title())

    class Meta:
        model = Profile


def reader_with_profile(username: str = "alice", **kwargs):
    from newsdesk.profiles.services import profile_create

    user = ReaderFactory(**kwargs)
    return profile_create(user=user, username=username, display_name=username.title())
