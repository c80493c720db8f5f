from django.db import migrations


def seed(apps, schema_editor):
    from newsdesk.local.places_data import places_seed

    places_seed(apps.get_model("local", "Place"))


class Migration(migrations.Migration):
    dependencies = [("local", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
