"""Readers for tests: a user with a verified email, with or without a profile."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

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


def reader_with_profile(username: str = "alice", **kwargs):
    from newsdesk.profiles.services import profile_create

    user = ReaderFactory(**kwargs)
    return profile_create(user=user, username=username, display_name=username.title())
