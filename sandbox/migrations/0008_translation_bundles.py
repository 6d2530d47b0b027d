"""`translations` become bundles per language (en, de, fr, ja; es, it, nl in part)
instead of strings per territory, and every database starts with them.

The old per-territory rows were the generator's, made from the same words: they go,
and the bundles of sandbox/generator/translations.py are loaded. generate_catalogue
writes the same rows again when it rebuilds the catalogue.
"""

from django.db import migrations, models


def load_bundles(apps, schema_editor):
    from sandbox.generator.translations import translation_rows

    Translation = apps.get_model("sandbox", "Translation")
    Translation.objects.bulk_create(
        Translation(language=language, key=key, text=text)
        for language, key, text in translation_rows()
    )


class Migration(migrations.Migration):
    dependencies = [("sandbox", "0007_search_fts")]

    operations = [
        migrations.DeleteModel(name="Translation"),
        migrations.CreateModel(
            name="Translation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=8)),
                ("key", models.CharField(max_length=100)),
                ("text", models.CharField(blank=True, default="", max_length=500)),
            ],
            options={
                "ordering": ["language", "key"],
                "constraints": [
                    models.UniqueConstraint(fields=("language", "key"), name="unique_translation")
                ],
            },
        ),
        migrations.RunPython(load_bundles, migrations.RunPython.noop),
    ]
