"""Two administrators issuing or re-issuing at the same moment end with exactly one valid
certificate (PostgreSQL, parallel transactions), and no orphan PDF is left in storage."""

from __future__ import annotations

from functools import partial

import pytest
from django.core.files.storage import default_storage

from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_template_save,
)
from tests.factories import CurriculumPageFactory, ModulePageFactory, UserFactory
from tests.lms.certificates.conftest import MODULE_BODY_EN, MODULE_BODY_FR, complete_module
from tests.lms.enrolment.support import curricula_index_rebuilt, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 3


@pytest.fixture
def setting(requires_postgres):
    """A module, its template and two administrators (superusers: transactional tests
    flush the roles' groups)."""
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
    return module, first, second


def stored_pdfs() -> int:
    try:
        folders = [f"certificates/{year}" for year in default_storage.listdir("certificates")[0]]
    except FileNotFoundError:
        return 0
    count = 0
    for folder in folders:
        if folder.endswith("/templates"):
            continue
        for month in default_storage.listdir(folder)[0]:
            count += len(default_storage.listdir(f"{folder}/{month}")[1])
    return count


def test_two_administrators_issuing_at_once(setting):
    module, first, second = setting
    for _round in range(ROUNDS):
        learner = UserFactory()
        complete_module(learner, module)

        results = run_at_once(
            [
                partial(certificate_issue, learner=learner, target=module, issued_by=first),
                partial(certificate_issue, learner=learner, target=module, issued_by=second),
            ]
        )

        issued = [result for result in results if isinstance(result, Certificate)]
        refused = [result for result in results if isinstance(result, CertificateError)]
        assert len(issued) == 1, results
        assert len(refused) == 1 and refused[0].code == "already_certified", results
        assert Certificate.objects.filter(learner=learner, status="valid").count() == 1
    assert stored_pdfs() == Certificate.objects.count()


def test_two_reissues_of_the_same_certificate_at_once(setting):
    module, first, second = setting
    learner = UserFactory()
    complete_module(learner, module)
    original = certificate_issue(learner=learner, target=module, issued_by=first)

    results = run_at_once(
        [
            partial(certificate_reissue, certificate=original, issued_by=first),
            partial(certificate_reissue, certificate=original, issued_by=second),
        ]
    )

    issued = [result for result in results if isinstance(result, Certificate)]
    assert len(issued) == 1, results
    assert Certificate.objects.filter(learner=learner, status="valid").get() == issued[0]
    original.refresh_from_db()
    assert original.status == "superseded"
    assert original.superseded_by == issued[0]
    assert stored_pdfs() == Certificate.objects.count() == 2
