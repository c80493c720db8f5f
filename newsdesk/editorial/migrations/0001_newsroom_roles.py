"""Create the newsroom groups and the 'Editorial review' workflow on the whole tree."""

from django.db import migrations

from newsdesk.editorial.roles import create_roles


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("images", "0001_initial"),
        ("tags", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
