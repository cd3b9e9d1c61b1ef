"""The table of the ``shared`` database cache (rate limits), when no Redis is configured."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Only the caches whose backend is the database; a no-op with Redis or when it exists.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_site_structure")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
