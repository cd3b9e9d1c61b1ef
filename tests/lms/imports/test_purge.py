"""Unconfirmed previews (names and e-mail addresses of a file) are not kept: deleted after
``LMS_IMPORT_PREVIEW_HOURS``, by the next upload or ``manage.py purge_import_previews``;
confirmed imports stay."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from lms.imports.models import ImportBatch
from lms.imports.services import import_batch_create, import_previews_purge
from tests.lms.imports.support import csv_bytes, upload
from tests.lms.imports.test_background import HEADER, ROWS


def preview(module, administrator) -> ImportBatch:
    return import_batch_create(
        upload=upload(csv_bytes(ROWS[:2], header=HEADER)), module=module, by=administrator
    )


def age(batch: ImportBatch, *, hours: float) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - timedelta(hours=hours)
    )


def test_previews_older_than_the_limit_are_deleted_others_kept(module, administrator, settings):
    settings.LMS_IMPORT_PREVIEW_HOURS = 24
    old, recent, confirmed = (preview(module, administrator) for _ in range(3))
    age(old, hours=30)
    age(recent, hours=2)
    age(confirmed, hours=30)
    ImportBatch.objects.filter(pk=confirmed.pk).update(status=ImportBatch.Status.DONE)

    assert import_previews_purge() == 1

    remaining = set(ImportBatch.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, confirmed.pk} <= remaining


def test_an_upload_purges_the_stale_previews(module, administrator, settings):
    settings.LMS_IMPORT_PREVIEW_HOURS = 48
    stale = preview(module, administrator)
    age(stale, hours=49)

    fresh = preview(module, administrator)

    assert not ImportBatch.objects.filter(pk=stale.pk).exists()
    assert ImportBatch.objects.filter(pk=fresh.pk).exists()


def test_the_command_says_how_many_went(module, administrator, settings):
    settings.LMS_IMPORT_PREVIEW_HOURS = 1
    first, second = preview(module, administrator), preview(module, administrator)
    age(first, hours=3)
    age(second, hours=5)
    out = StringIO()

    call_command("purge_import_previews", stdout=out)

    assert out.getvalue().strip() == "2 unconfirmed import preview(s) deleted."
    assert not ImportBatch.objects.exists()
