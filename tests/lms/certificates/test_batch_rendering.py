"""Certificates rendered in batches: one document laid out for many certificates, each
page written as its own PDF. A certificate rendered in a batch is the one rendered alone
(same text, one page, its own metadata and QR code); a batch that cannot be rendered falls
back to one by one so that only the faulty certificate fails; the bulk workers render a
claimed batch at once."""

from __future__ import annotations

import pytest

from lms.certificates import bulk
from lms.certificates.bulk import certificate_bulk_start, certificate_bulk_work
from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate
from lms.certificates.rendering import CertificateRenderer, CertificateRenderError
from lms.certificates.services import (
    certificate_issue_prepare,
    certificate_plans_render,
    sample_snapshot,
)
from lms.jobs.models import Job, JobItem
from tests.lms.certificates.support import pdf_reader, pdf_text, qr_codes
from tests.lms.certificates.test_bulk import cohort, member, promotion  # noqa: F401
from tests.lms.certificates.test_rendering import DATA

NAMES = ["Éloïse d'Aubigné", "Jean-Baptiste N'Diaye", "Κατερίνα Παπαδοπούλου", "Ivan Petrov"]


def snapshots(languages: list[str]) -> list[dict]:
    result = []
    for name, language in zip(NAMES, languages, strict=False):
        shot = sample_snapshot(kind="module", language=language)
        shot["holder"] = shot["values"]["nom_complet"] = name
        result.append(shot)
    return result


@pytest.fixture(scope="module")
def batch(renderer):
    shots = snapshots(["fr", "en", "fr", "en"])
    return shots, renderer.render_many(data=DATA, snapshots=shots)


def test_each_certificate_of_a_batch_is_its_own_one_page_pdf(batch):
    shots, pdfs = batch

    assert len(pdfs) == len(shots)
    for shot, pdf in zip(shots, pdfs, strict=True):
        reader = pdf_reader(pdf)
        text = pdf_text(pdf)
        assert len(reader.pages) == 1
        assert shot["holder"] in text
        assert shot["display_code"] in text
        others = [other["holder"] for other in shots if other is not shot]
        assert not any(other in text for other in others)


def test_each_pdf_of_a_batch_has_its_own_metadata_language_and_tags(batch):
    shots, pdfs = batch

    for shot, pdf in zip(shots, pdfs, strict=True):
        reader = pdf_reader(pdf)
        catalog = reader.trailer["/Root"]
        title = "Attestation de formation" if shot["language"] == "fr" else "Certificate"
        assert reader.metadata.title.startswith(title)
        assert reader.metadata.title.endswith(shot["holder"])
        assert reader.metadata.author == "Jeanne Martin"
        assert shot["holder"] in reader.metadata.subject
        assert shot["display_code"] in reader.metadata["/Keywords"]
        assert catalog["/Lang"] == shot["language"]
        assert "/StructTreeRoot" in catalog
        assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_a_certificate_rendered_in_a_batch_reads_as_rendered_alone(batch, renderer):
    shots, pdfs = batch

    for shot, pdf in zip(shots, pdfs, strict=True):
        alone = renderer.render(data=DATA, snapshot=shot)
        assert pdf_text(pdf) == pdf_text(alone)
        assert pdf_reader(pdf).metadata.title == pdf_reader(alone).metadata.title


def test_each_pdf_of_a_batch_carries_its_own_qr_code(batch):
    shots, pdfs = batch

    assert qr_codes(pdfs[1]) == [shots[1]["verification_url"]]
    assert qr_codes(pdfs[2]) == [shots[2]["verification_url"]]


def test_an_empty_batch_renders_nothing(renderer):
    assert renderer.render_many(data=DATA, snapshots=[]) == []


class OneFaulty(CertificateRenderer):
    """Fails batches, and alone the certificate of ``faulty``."""

    def __init__(self, faulty: str):
        super().__init__()
        self.faulty = faulty
        self.batches: list[int] = []

    def render_many(self, *, data, snapshots):
        self.batches.append(len(snapshots))
        if len(snapshots) > 1:
            raise CertificateRenderError("resource", "Lot refusé.")
        if snapshots[0]["holder"] == self.faulty:
            raise CertificateRenderError("resource", "Fichier refusé.")
        return super().render_many(data=data, snapshots=snapshots)


def test_a_failing_batch_is_rendered_one_by_one_and_only_the_faulty_one_fails(
    cohort,  # noqa: F811
    module,
    administrator,
):
    first, second = cohort["eligible"]
    plans = [
        certificate_issue_prepare(learner=learner, target=module, issued_by=administrator)
        for learner in (first, second)
    ]
    renderer = OneFaulty(faulty=plans[0].snapshot["holder"])

    results = certificate_plans_render(plans=plans, renderer=renderer)

    assert renderer.batches == [2, 1, 1]
    assert isinstance(results[0], CertificateError)
    assert results[0].code == "render"
    assert results[0].message == "Fichier refusé."
    assert plans[1].snapshot["holder"] in pdf_text(results[1])


def test_the_bulk_worker_renders_a_claimed_batch_at_once(
    cohort,  # noqa: F811
    promotion,  # noqa: F811
    module,
    administrator,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    calls: list[list[str]] = []
    renderer = CertificateRenderer()
    original = renderer.render_many

    def spy(*, data, snapshots):
        calls.append([shot["language"] for shot in snapshots])
        return original(data=data, snapshots=snapshots)

    renderer.render_many = spy
    monkeypatch.setattr(bulk, "bulk_renderer", lambda: renderer)
    with django_capture_on_commit_callbacks(execute=False):
        job = certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)

    certificate_bulk_work(job_id=job.pk, batch_size=10)

    job.refresh_from_db()
    assert [sorted(call) for call in calls] == [["en", "fr"]]
    assert (job.status, job.done, job.failed) == (Job.Status.DONE, 2, 0)
    issued = Certificate.objects.filter(job=job, status=Certificate.Status.VALID)
    assert sorted(issued.values_list("language", flat=True)) == ["en", "fr"]
    for certificate in issued:
        with certificate.pdf.open("rb") as handle:
            assert certificate.snapshot["holder"] in pdf_text(handle.read())


def test_in_a_batch_a_failing_render_fails_its_item_only(
    cohort,  # noqa: F811
    promotion,  # noqa: F811
    module,
    administrator,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    first, _second = cohort["eligible"]
    faulty = f"{first.first_name} {first.last_name}"
    monkeypatch.setattr(bulk, "bulk_renderer", lambda: OneFaulty(faulty=faulty))
    with django_capture_on_commit_callbacks(execute=False):
        job = certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)

    certificate_bulk_work(job_id=job.pk, batch_size=10)

    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == (Job.Status.DONE, 1, 1)
    failed = job.items.get(state=JobItem.State.FAILED)
    assert failed.error == "Fichier refusé."
    assert failed.data["learner"] == first.pk
    assert not Certificate.objects.filter(job=job, learner=first).exists()
