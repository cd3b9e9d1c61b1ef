"""The demo seed issues one certificate per completed module of the demo learners, once."""

import pytest

from lms.certificates.models import Certificate, CertificateTemplate
from lms.demo.services import demo_seed
from lms.progress.models import ModuleProgress, ProgressStatus
from tests.lms.certificates.support import pdf_text


@pytest.mark.django_db
def test_the_demo_learners_hold_a_certificate_for_their_completed_module(curricula_index):
    demo_seed()

    completed = ModuleProgress.objects.filter(status=ProgressStatus.COMPLETED)
    assert completed.exists()
    for progress in completed:
        certificate = Certificate.objects.get(
            learner=progress.learner, target_id=progress.module_id, status="valid"
        )
        assert certificate.display_code in pdf_text(certificate.pdf.read())
    assert CertificateTemplate.objects.count() == 1

    count = Certificate.objects.count()
    demo_seed()
    assert Certificate.objects.count() == count
