"""Benchmark of bulk issuance: ``certificates_bulk_1000_s`` and ``certificates_bulk_peak_mib``.

- ``certificates_bulk_1000_s``: wall time to issue 1,000 certificates through the real bulk
  path: :func:`~lms.certificates.bulk.certificate_bulk_start` (eligibility, job, items),
  then two ``manage.py db_worker`` processes (already running, as in production) taking the
  worker tasks from the django-tasks-db queue, claiming items in batches, rendering with
  their warm renderer, storing and hashing the PDFs, writing the certificates, the audit
  entries and the items' states; the clock stops when the job is done. E-mails excluded.
  ``baseline``: the naive loop in one process, on the same template: per certificate
  ``HTML(string=...).write_pdf(pdf_variant="pdf/ua-1")`` with the stylesheet and fonts
  loaded afresh, then the same storage and database writes (certificate and audit entry);
  half of it runs before the bulk path and half after, so that a change in the machine's
  load touches both sides of the ratio.
- ``certificates_bulk_peak_mib``: the highest peak resident memory (VmHWM) of the two
  workers after issuing 1,000 certificates; ``baseline`` the same after 250 in fresh
  workers: a ratio near 1 shows that a worker's memory is bounded by its batch, not by the
  cohort.

Data is committed (the workers are other processes) and removed at the end. On SQLite each
batch's transaction holds the database's single write lock, so the workers take turns:
PostgreSQL is the figure that counts. ``BENCH_BULK_SIZE`` shrinks the cohort for
a quick check of the bench itself (the figure is defined at 1,000).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from lms.accounts.models import User
from lms.audit.models import AuditEntry
from lms.audit.services import audit_record
from lms.certificates.bulk import certificate_bulk_start
from lms.certificates.codes import code_generate
from lms.certificates.fetcher import RestrictedURLFetcher
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.rendering import (
    PDF_VARIANT,
    STYLESHEET,
    CertificateRenderer,
    sha256_hex,
)
from lms.certificates.selectors import template_version_current
from lms.certificates.services import certificate_template_save, snapshot_build, target_hours
from lms.jobs.models import Job
from lms.people.models import Promotion
from lms.progress.models import ModuleProgress
from tests.benchmarks.support import (
    bulk_learners,
    bulk_promotion,
    curriculum_with_modules,
    emit,
    note,
)
from tests.benchmarks.test_certificate_render import DATA

ROOT = Path(__file__).resolve().parents[2]
SIZE = int(os.environ.get("BENCH_BULK_SIZE", 1000))
SMALL = 250
WORKERS = 2
BATCH = 10


def _complete(learner_pks: list[int], module) -> None:
    from lms.enrolment.models import Enrolment
    from lms.progress.models import ProgressStatus

    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner_id=pk,
                module_id=module.pk,
                status=Enrolment.Status.ACTIVE,
                source=Enrolment.Source.IMPORT,
                enrolled_at=now,
            )
            for pk in learner_pks
        ]
    )
    ModuleProgress.objects.bulk_create(
        [
            ModuleProgress(
                learner_id=pk,
                module_id=module.pk,
                status=ProgressStatus.COMPLETED,
                lessons_required=1,
                lessons_completed=1,
                completed_at=now,
            )
            for pk in learner_pks
        ]
    )


def _naive_issue(*, learner, module, version, admin, promotion_name: str, hours) -> None:
    """One certificate as a one-by-one LMS issues it: nothing kept between renders."""
    now = timezone.now()
    code = code_generate()
    snapshot = snapshot_build(
        kind="module",
        first_name=learner.first_name,
        last_name=learner.last_name,
        target_title=module.title,
        curriculum_title="",
        promotion=promotion_name,
        completed_at=now,
        issued_at=now,
        hours=hours,
        code=code,
        language="fr",
    )
    html = _HTML_ONLY.html(data=version.data, snapshot=snapshot)
    fetcher = RestrictedURLFetcher(base_url=_HTML_ONLY.base_url)
    fonts = FontConfiguration()
    stylesheets = [
        CSS(url=fetcher.static_prefix + STYLESHEET, url_fetcher=fetcher, font_config=fonts),
        CSS(
            string=f".primary-colour {{ color: {DATA['primary_colour']}; }}"
            f" .frame {{ border-color: {DATA['primary_colour']}; }}"
            f" .accent {{ background-color: {DATA['accent_colour']}; }}",
            font_config=fonts,
        ),
    ]
    pdf = HTML(string=html, base_url=_HTML_ONLY.base_url, url_fetcher=fetcher).write_pdf(
        stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT
    )
    with transaction.atomic():
        certificate = Certificate(
            learner=learner,
            kind="module",
            target_id=module.pk,
            template_version=version,
            language="fr",
            snapshot=snapshot,
            code=code,
            sha256=sha256_hex(pdf),
            issued_at=now,
            issued_by=admin,
        )
        certificate.pdf.save(f"{code}.pdf", ContentFile(pdf), save=False)
        certificate.save()
        audit_record(
            learner=learner,
            actor=admin,
            action="certificate.issued",
            message=f"Attestation {code}",
            target=certificate,
            data={"code": code},
        )


_HTML_ONLY = None

pytestmark = pytest.mark.django_db


def _worker_env(media_root: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.certificate_worker_settings",
        "BENCH_DB_NAME": str(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(media_root),
        "LMS_CERTIFICATE_BULK_BATCH": str(BATCH),
    }
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        env.pop("DATABASE_URL", None)
    return env


def _start_workers(env: dict, logs: Path) -> list[subprocess.Popen]:
    workers = []
    for number in range(WORKERS):
        with open(logs / f"worker-{number}.log", "wb") as log:
            workers.append(
                subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--no-reload",
                        "--no-startup-delay",
                        "--interval",
                        "0.05",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
            )
    time.sleep(6)  # Django, WeasyPrint and the task loop loaded: workers wait for tasks
    for worker in workers:
        assert worker.poll() is None, "a db_worker did not start"
    return workers


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _bulk_run(*, promotion, module, admin, media_root: Path) -> tuple[float, float, Job]:
    """Issue to every member through the bulk path with two fresh workers; (seconds,
    highest worker peak in MiB, the job)."""
    workers = _start_workers(_worker_env(media_root), media_root)
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            LMS_CERTIFICATE_BULK_WORKERS=WORKERS,
        ):
            start = time.perf_counter()
            job = certificate_bulk_start(promotion=promotion, target=module, issued_by=admin)
            while not Job.objects.filter(pk=job.pk, status=Job.Status.DONE).exists():
                if any(worker.poll() is not None for worker in workers):
                    logs = [path.read_text()[-3000:] for path in media_root.glob("worker-*.log")]
                    raise AssertionError(f"a worker died: {logs}")
                time.sleep(0.05)
            seconds = time.perf_counter() - start
        peak = max(_peak_mib(worker.pid) for worker in workers)
    finally:
        _stop(workers)
    job.refresh_from_db()
    return seconds, peak, job


@pytest.fixture(scope="module")
def bulk_figures(django_db_setup, django_db_blocker, tmp_path_factory):
    """The measurements, on committed data (the workers are other processes): a curriculum
    with three modules, a general module template, an administrator, three promotions
    (1,000 for the baseline, 1,000 and 250 for the bulk path); all removed afterwards."""
    media = tmp_path_factory.mktemp("bench-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        curriculum, modules, _lessons = curriculum_with_modules(
            slug="banc-attestations", modules=3, lessons=1
        )
        admin = User.objects.create(email="admin-banc@bench.example", is_superuser=True)
        template = certificate_template_save(
            template=CertificateTemplate(
                name="Banc",
                kind="module",
                title_fr=DATA["title_fr"],
                title_en=DATA["title_en"],
                body_fr=DATA["body_fr"],
                body_en=DATA["body_en"],
                signatory_name=DATA["signatory_name"],
                signatory_role_fr=DATA["signatory_role_fr"],
                signatory_role_en=DATA["signatory_role_en"],
            ),
            by=admin,
        )
        baseline_pks = bulk_learners("banc-cert-naif-", range(SIZE))
        bulk_pks = bulk_learners("banc-cert-lot-", range(SIZE))
        small_pks = bulk_learners("banc-cert-petit-", range(SMALL))
        pks = baseline_pks + bulk_pks + small_pks + [admin.pk]
        try:
            _complete(baseline_pks, modules[0])
            _complete(bulk_pks, modules[1])
            _complete(small_pks, modules[2])
            promotions = [
                bulk_promotion("Banc naïf", baseline_pks),
                bulk_promotion("Banc lot", bulk_pks),
                bulk_promotion("Banc petit", small_pks),
            ]
            yield _measure(
                modules=modules, admin=admin, template=template, promotions=promotions, media=media
            )
        finally:
            Certificate.objects.filter(learner_id__in=pks).delete()
            AuditEntry.objects.filter(learner_id__in=pks).delete()
            Job.objects.filter(created_by=admin).delete()
            Promotion.objects.filter(name__startswith="Banc ").delete()
            User.objects.filter(pk__in=pks).delete()
            template.versions.all().delete()
            CertificateTemplate.objects.filter(pk=template.pk).delete()
            curriculum.delete()


def _measure(*, modules, admin, template, promotions, media) -> dict:
    baseline_promotion, bulk_promotion_, small_promotion = promotions
    global _HTML_ONLY
    _HTML_ONLY = CertificateRenderer()
    version = template_version_current(template=template)
    hours = target_hours(modules[0])
    learners = list(
        User.objects.filter(promotion_memberships__promotion=baseline_promotion).order_by("pk")
    )

    def naive(part: list) -> float:
        start = time.perf_counter()
        for learner in part:
            _naive_issue(
                learner=learner,
                module=modules[0],
                version=version,
                admin=admin,
                promotion_name="Banc naïf",
                hours=hours,
            )
        return time.perf_counter() - start

    # Half of the naive loop before the bulk path and half after: a change in the shared
    # machine's load during the run touches both sides of the ratio alike.
    half = len(learners) // 2
    before = naive(learners[:half])
    seconds, peak, job = _bulk_run(
        promotion=bulk_promotion_, module=modules[1], admin=admin, media_root=media
    )
    after = naive(learners[half:])
    baseline = before + after
    note(
        f"naive loop: {SIZE} certificates in {baseline:.1f} s ({baseline / SIZE * 1000:.1f} ms"
        f" each; {before:.1f} s before the bulk path, {after:.1f} s after)"
    )
    assert (job.done, job.failed, job.skipped) == (SIZE, 0, 0)
    assert Certificate.objects.filter(job=job, status="valid").count() == SIZE
    note(
        f"bulk path: {SIZE} certificates in {seconds:.1f} s with {WORKERS} db_worker processes,"
        f" batches of {BATCH} ({connection.vendor})"
    )
    small_seconds, small_peak, small_job = _bulk_run(
        promotion=small_promotion, module=modules[2], admin=admin, media_root=media
    )
    assert small_job.done == SMALL
    note(
        f"worker peak memory: {peak:.0f} MiB after {SIZE}, {small_peak:.0f} MiB after {SMALL}"
        f" ({small_seconds:.1f} s)"
    )
    return {"seconds": seconds, "baseline": baseline, "peak": peak, "small_peak": small_peak}


def test_certificates_bulk(bulk_figures):
    emit(
        "certificates_bulk_1000_s",
        round(bulk_figures["seconds"], 2),
        "s",
        baseline=round(bulk_figures["baseline"], 2),
    )
    emit(
        "certificates_bulk_peak_mib",
        round(bulk_figures["peak"], 1),
        "MiB",
        baseline=round(bulk_figures["small_peak"], 1),
    )
