"""Bulk issuance under faults (PostgreSQL): two administrators starting the same bulk at
once, parallel workers of two jobs racing, and a real ``db_worker`` killed with SIGKILL
half-way then replaced. Each ends with exactly one valid certificate per eligible learner,
no missing one, and no PDF in storage that no certificate references."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from lms.certificates import bulk
from lms.certificates.bulk import JOB_KIND, certificate_bulk_start, certificate_bulk_work
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.rendering import sha256_hex
from lms.certificates.services import certificate_template_save
from lms.jobs.models import Job
from lms.people.models import Promotion, PromotionMembership
from tests.factories import CurriculumPageFactory, ModulePageFactory, UserFactory
from tests.lms.certificates.conftest import MODULE_BODY_EN, MODULE_BODY_FR, complete_module
from tests.lms.enrolment.support import curricula_index_rebuilt, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def cohort(requires_postgres):
    """A module with its template, a promotion of eligible learners, two administrators
    (superusers: transactional tests flush the roles' groups)."""

    def make(size: int):
        module = ModulePageFactory(parent=CurriculumPageFactory(parent=curricula_index_rebuilt()))
        first, second = UserFactory(is_superuser=True), UserFactory(is_superuser=True)
        certificate_template_save(
            template=CertificateTemplate(
                name="Module",
                kind="module",
                title_fr="Attestation",
                title_en="Certificate",
                body_fr=MODULE_BODY_FR,
                body_en=MODULE_BODY_EN,
                signatory_name="Jeanne Martin",
                signatory_role_fr="Directrice",
                signatory_role_en="Director",
            ),
            by=first,
        )
        promotion = Promotion.objects.create(name="CHESP 2026", year=2026)
        learners = [
            UserFactory(email=f"l{index:03}@exemple.fr", last_name=f"Nom {index:03}")
            for index in range(size)
        ]
        for learner in learners:
            PromotionMembership.objects.create(promotion=promotion, learner=learner)
            complete_module(learner, module)
        return module, promotion, learners, first, second

    return make


def assert_one_valid_each(module, learners) -> None:
    per_learner = dict(
        Certificate.objects.filter(target_id=module.pk, status="valid")
        .values_list("learner_id")
        .annotate(n=Count("pk"))
        .values_list("learner_id", "n")
    )
    assert per_learner == {learner.pk: 1 for learner in learners}
    # No other certificate either (a duplicate superseded or revoked would hide there).
    assert Certificate.objects.filter(target_id=module.pk).count() == len(learners)


def assert_no_orphan_pdf() -> None:
    """Every stored bulk PDF belongs to a certificate, whose SHA-256 it matches."""
    referenced = {c.pdf.name: c.sha256 for c in Certificate.objects.filter(job__isnull=False)}
    stored = set()
    for job_folder in default_storage.listdir("certificates/bulk")[0]:
        for name in default_storage.listdir(f"certificates/bulk/{job_folder}")[1]:
            stored.add(f"certificates/bulk/{job_folder}/{name}")
    assert stored == set(referenced)
    for name, digest in referenced.items():
        with default_storage.open(name, "rb") as handle:
            assert sha256_hex(handle.read()) == digest


def test_two_administrators_starting_the_same_bulk_at_once(cohort):
    module, promotion, learners, first, second = cohort(8)
    results = run_at_once(
        [
            partial(certificate_bulk_start, promotion=promotion, target=module, issued_by=first),
            partial(certificate_bulk_start, promotion=promotion, target=module, issued_by=second),
        ]
    )
    assert all(isinstance(result, Job) for result in results), results
    assert_one_valid_each(module, learners)
    assert_no_orphan_pdf()
    assert all(job.status == Job.Status.DONE for job in Job.objects.filter(kind=JOB_KIND))


def test_parallel_workers_of_two_identical_jobs_issue_each_certificate_once(cohort, monkeypatch):
    """The database's constraint is the last guard: two jobs for the same cohort (the
    duplicate check bypassed), two workers each, all at once."""
    module, promotion, learners, first, second = cohort(12)
    monkeypatch.setattr(bulk, "certificate_bulk_active", lambda **kwargs: None)
    monkeypatch.setattr(bulk, "certificate_bulk_enqueue", lambda **kwargs: None)
    jobs = [
        certificate_bulk_start(promotion=promotion, target=module, issued_by=admin)
        for admin in (first, second)
    ]
    results = run_at_once(
        [partial(certificate_bulk_work, job_id=job.pk, batch_size=3) for job in jobs * 2]
    )
    assert not [r for r in results if isinstance(r, Exception)], results

    assert_one_valid_each(module, learners)
    assert_no_orphan_pdf()
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert job.failed == 0
    assert sum(job.done for job in jobs) == len(learners)
    assert sum(job.skipped for job in jobs) == len(learners)


def _worker_env(media_root: Path) -> dict:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.base",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_ROOT": str(media_root),
        "LMS_JOB_LEASE_SECONDS": "3",
        "LMS_JOB_WATCHDOG_SECONDS": "1",
        "LMS_CERTIFICATE_BULK_WORKERS": "1",
        "LMS_CERTIFICATE_BULK_BATCH": "3",
        "WAGTAILADMIN_BASE_URL": django_settings.WAGTAILADMIN_BASE_URL,
    }
    return env


def _db_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


@pytest.mark.parametrize("recovery", ["restarted_worker", "resume_jobs"])
def test_a_worker_killed_half_way_is_replaced_without_duplicates_or_gaps(
    cohort, settings, recovery
):
    """``restarted_worker``: a new ``db_worker``'s watchdog requeues the job once the dead
    worker's lease expired, and the generic runner finishes it;
    ``resume_jobs``: once the lease expired, ``manage.py resume_jobs --inline`` finishes it
    with the generic runner."""
    module, promotion, learners, first, _second = cohort(40)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LMS_CERTIFICATE_BULK_WORKERS = 1
    env = _worker_env(Path(settings.MEDIA_ROOT))
    job = certificate_bulk_start(promotion=promotion, target=module, issued_by=first)

    def done() -> int:
        return Job.objects.get(pk=job.pk).done

    worker = _db_worker(env)
    try:
        assert _wait(lambda: done() >= 10, timeout=60), "the worker did not start issuing"
        os.kill(worker.pid, signal.SIGKILL)  # mid-batch: its transaction dies with it
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    killed_at = Job.objects.get(pk=job.pk)
    assert killed_at.status == Job.Status.RUNNING
    assert killed_at.done < len(learners)

    if recovery == "resume_jobs":
        # The dead worker's lease expires.
        Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(1))
        output = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "resume_jobs", "--inline", "--job", str(job.pk)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        resumed = Job.objects.get(pk=job.pk)
        assert resumed.attempts == 1, (output.stdout, output.stderr[-3000:], resumed.__dict__)
    else:
        replacement = _db_worker(env)
        try:
            _wait(lambda: Job.objects.get(pk=job.pk).is_finished, timeout=120, step=0.2)
        finally:
            replacement.send_signal(signal.SIGTERM)
            try:
                replacement.wait(timeout=10)
            except subprocess.TimeoutExpired:
                replacement.kill()
    assert Job.objects.get(pk=job.pk).is_finished, "the job was not resumed"
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.failed, job.skipped) == (len(learners), 0, 0)
    assert job.attempts >= 1  # resumed by the generic runner (watchdog or resume_jobs)
    assert_one_valid_each(module, learners)
    assert_no_orphan_pdf()
