"""Tags stored all in lower case by earlier imports get their capitals back."""

from django.db import migrations

ACRONYMS = frozenset(
    [
        "us",
        "usa",
        "uk",
        "un",
        "eu",
        "au",
        "sa",
        "sadc",
        "anc",
        "da",
        "eff",
        "ifp",
        "mk",
        "nato",
        "fifa",
        "psl",
        "sabc",
        "imf",
        "who",
        "wto",
        "g7",
        "g20",
        "brics",
        "opec",
        "nasa",
        "fbi",
        "cia",
        "ai",
    ]
)
PARTICLES = frozenset(
    ["of", "and", "the", "de", "van", "der", "von", "la", "le", "for", "in", "on", "at", "to"]
)


def _cased(name):
    # A frozen copy of newsdesk.tags.naming.tag_name_cased: migrations must not change
    # when the app's code does.
    if name != name.lower():
        return name
    words = []
    for index, word in enumerate(name.split(" ")):
        if word in ACRONYMS:
            words.append(word.upper())
        elif index and word in PARTICLES:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def forwards(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    for tag in Tag.objects.all().only("pk", "name"):
        cased = _cased(tag.name)
        if cased != tag.name and not Tag.objects.filter(name=cased).exists():
            Tag.objects.filter(pk=tag.pk).update(name=cased)


class Migration(migrations.Migration):
    dependencies = [("tags", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
