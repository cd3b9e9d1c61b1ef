"""The import in the admin: upload → preview → confirm, as an administrator, with CSRF."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from curriculum.models import Audience
from lms.accounts import roles
from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment, ModuleSettings
from lms.imports.models import ImportBatch, Invitation
from lms.people.models import LearnerProfile, PromotionMembership
from tests.lms.imports.support import (
    csv_bytes,
    invitations_sent,
    invited_addresses,
    signed_in,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/imports/"
User = get_user_model()

ROWS = [
    [
        "helene.dupont@exemple.fr",
        "Hélène",
        "Dupont",
        "haut fonctionnaire",
        "DGFiP",
        "Paris",
        "CHESP",
    ],
    ["Claire.Martin@asso.fr", "Claire", "Martin", "dirigeante associative", "Les Restos", "13", ""],
    ["pas-une-adresse", "Paul", "Durand", "", "", "", ""],
    ["helene.dupont@exemple.fr", "Hélène", "Dupont", "", "", "", ""],
    ["jean.breton@exemple.fr", "Jean", "Breton", "stagiaire", "", "", ""],
    ["sophie.leroy@exemple.fr", "Sophie", "Leroy", "", "", "Bretagne", "CHESP (2026)"],
]


def csrf_client(user):
    client = signed_in(user, enforce_csrf_checks=True)
    client.get(UPLOAD)
    return client, client.cookies["csrftoken"].value


def upload_file(client, token, content, module, *, name="apprenants.csv", **extra):
    data = {"file": upload(content, name), "module": module.pk, "csrfmiddlewaretoken": token}
    data.update(extra)
    return client.post(UPLOAD, data)


def confirm(client, token, batch, capture):
    with capture(execute=True):
        return client.post(f"/admin/imports/{batch.pk}/confirm/", {"csrfmiddlewaretoken": token})


def import_file(administrator, module, capture, content, **extra):
    client, token = csrf_client(administrator)
    response = upload_file(client, token, content, module, **extra)
    assert response.status_code == 302, response.content
    batch = ImportBatch.objects.latest("pk")
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    confirmed = confirm(client, token, batch, capture)
    assert confirmed.status_code == 302
    batch.refresh_from_db()
    return batch, preview


def test_administrators_see_the_upload_form(administrator):
    response = signed_in(administrator).get(UPLOAD)

    assert response.status_code == 200
    assert set(response.context["form"].fields) == {
        "file",
        "module",
        "promotion",
        "override_capacity",
    }
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_the_full_flow_imports_valid_rows_only(
    administrator, module, chesp, laureates, known_learner, django_capture_on_commit_callbacks
):
    client, token = csrf_client(administrator)

    # Upload: nothing is imported yet; the rows wait server-side.
    response = upload_file(client, token, csv_bytes(ROWS), module, promotion=laureates.pk)
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/admin/imports/{batch.pk}/"
    assert (batch.row_count, batch.valid_count, batch.error_count) == (6, 3, 3)
    assert batch.status == ImportBatch.Status.PREVIEW
    assert len(batch.file_sha256) == 64
    assert not User.objects.filter(email="helene.dupont@exemple.fr").exists()

    # Preview: valid rows and rows with errors, each error on its line.
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert [row["line"] for row in preview.context["valid_rows"]] == [2, 3, 7]
    assert {row["line"]: len(row["errors"]) for row in preview.context["error_rows"]} == {
        4: 1,
        5: 1,
        6: 1,
    }
    facts = preview.context["facts"]
    assert (facts["new_accounts"], facts["existing_accounts"], facts["already_enrolled"]) == (
        2,
        1,
        0,
    )
    assert facts["background"] is False
    assert not mail.outbox

    # Confirm.
    response = confirm(client, token, batch, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/admin/imports/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.confirmed_by == administrator
    assert batch.summary == {
        "created": 2,
        "enrolled": 3,
        "already_enrolled": 0,
        "promotion_memberships": 5,
        "profiles_updated": 3,
        "skipped_with_errors": 3,
        "failed": 0,
        "failures": [],
    }

    # Accounts: created with an unusable password, as learners; the known one kept.
    helene = User.objects.get(email="helene.dupont@exemple.fr")
    assert (helene.first_name, helene.last_name) == ("Hélène", "Dupont")
    assert not helene.has_usable_password()
    assert helene.groups.filter(name=roles.LEARNERS).exists()
    assert not User.objects.filter(email__in=["pas-une-adresse", "jean.breton@exemple.fr"]).exists()
    profile = LearnerProfile.objects.get(user=helene)
    assert (profile.audience, profile.organisation, profile.region, profile.departement) == (
        Audience.CIVIL_SERVANTS,
        "DGFiP",
        "11",
        "75",
    )
    # The known learner: empty fields filled, filled ones kept.
    known_learner.refresh_from_db()
    assert (known_learner.first_name, known_learner.last_name) == ("Claire", "Martin")
    known_profile = LearnerProfile.objects.get(user=known_learner)
    assert known_profile.audience == Audience.ASSOCIATION_LEADERS
    assert (known_profile.organisation, known_profile.departement) == ("Les Restos", "13")

    # Promotions: the row's and the one chosen in the form.
    assert set(PromotionMembership.objects.values_list("learner__email", "promotion__name")) == {
        ("helene.dupont@exemple.fr", "CHESP"),
        ("helene.dupont@exemple.fr", laureates.name),
        ("claire.martin@asso.fr", laureates.name),
        ("sophie.leroy@exemple.fr", "CHESP"),
        ("sophie.leroy@exemple.fr", laureates.name),
    }

    # Enrolments, from the import.
    assert sorted(
        Enrolment.objects.filter(module=module).values_list("learner__email", "source", "status")
    ) == [
        ("claire.martin@asso.fr", "import", "active"),
        ("helene.dupont@exemple.fr", "import", "active"),
        ("sophie.leroy@exemple.fr", "import", "active"),
    ]
    assert AuditEntry.objects.filter(action="account.created").count() == 2

    # Invitations: only to the accounts created, with a working link.
    assert invited_addresses() == ["helene.dupont@exemple.fr", "sophie.leroy@exemple.fr"]
    assert Invitation.objects.filter(batch=batch).count() == 2
    link = next(word for word in invitations_sent()[0].body.split() if "/mot-de-passe/" in word)
    set_password = Client().get(link.replace("http://testserver", ""))
    assert set_password.status_code == 302  # to the form, token checked and moved to session

    # Summary screen.
    summary = client.get(f"/admin/imports/{batch.pk}/")
    assert summary.status_code == 200
    assert summary.context["summary"]["created"] == 2
    assert 'data-count="created"' in summary.content.decode()


def test_importing_the_same_file_again_changes_nothing(
    administrator, module, chesp, django_capture_on_commit_callbacks
):
    content = csv_bytes(ROWS)
    first, _preview = import_file(
        administrator, module, django_capture_on_commit_callbacks, content
    )
    counts = (
        User.objects.count(),
        Enrolment.objects.count(),
        PromotionMembership.objects.count(),
        AuditEntry.objects.count(),
        Invitation.objects.count(),
    )
    invitations = len(invitations_sent())
    assert invitations == 3
    mail.outbox.clear()

    second, preview = import_file(
        administrator, module, django_capture_on_commit_callbacks, content
    )

    assert preview.context["facts"]["earlier_import"] == first
    assert preview.context["facts"]["already_enrolled"] == 3
    assert 'data-notice="earlier-import"' in preview.content.decode()
    assert second.file_sha256 == first.file_sha256
    assert second.summary["created"] == 0
    assert second.summary["enrolled"] == 0
    assert second.summary["already_enrolled"] == 3
    assert (
        User.objects.count(),
        Enrolment.objects.count(),
        PromotionMembership.objects.count(),
        AuditEntry.objects.count(),
        Invitation.objects.count(),
    ) == counts
    assert mail.outbox == []


def test_a_batch_is_confirmed_once(
    administrator, module, chesp, django_capture_on_commit_callbacks
):
    client, token = csrf_client(administrator)
    upload_file(client, token, csv_bytes(ROWS[:2]), module)
    batch = ImportBatch.objects.get()
    confirm(client, token, batch, django_capture_on_commit_callbacks)

    again = confirm(client, token, batch, django_capture_on_commit_callbacks)

    assert again.status_code == 302
    assert Enrolment.objects.count() == 2
    batch.refresh_from_db()
    assert batch.summary["enrolled"] == 2


def test_confirming_needs_the_csrf_token(administrator, module):
    client, token = csrf_client(administrator)
    upload_file(client, token, csv_bytes(ROWS[:2]), module)
    batch = ImportBatch.objects.get()

    response = client.post(f"/admin/imports/{batch.pk}/confirm/", {})

    assert response.status_code == 403
    assert ImportBatch.objects.get().status == ImportBatch.Status.PREVIEW
    assert not Enrolment.objects.exists()


def test_uploading_needs_the_csrf_token(administrator, module):
    client, _token = csrf_client(administrator)

    response = client.post(UPLOAD, {"file": upload(csv_bytes(ROWS)), "module": module.pk})

    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_confirming_is_a_post(administrator, module):
    client, token = csrf_client(administrator)
    upload_file(client, token, csv_bytes(ROWS[:2]), module)
    batch = ImportBatch.objects.get()

    assert client.get(f"/admin/imports/{batch.pk}/confirm/").status_code == 405


def test_an_xlsx_file_goes_through_the_same_flow(
    administrator, module, chesp, django_capture_on_commit_callbacks
):
    batch, _preview = import_file(
        administrator,
        module,
        django_capture_on_commit_callbacks,
        xlsx_bytes(ROWS),
        name="apprenants.xlsx",
    )

    assert batch.file_format == "xlsx"
    assert batch.summary["enrolled"] == 3


def test_a_refused_file_says_why_and_keeps_nothing(administrator, module):
    client, token = csrf_client(administrator)

    response = upload_file(client, token, csv_bytes([["a@exemple.fr"]], header=["mail"]), module)

    assert response.status_code == 400
    assert response.context["error_code"] == "columns"
    assert response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()


def test_a_file_above_the_limit_is_refused_while_it_arrives(administrator, module, settings):
    settings.LMS_IMPORT_MAX_BYTES = 2_000
    client, token = csrf_client(administrator)

    response = upload_file(client, token, csv_bytes(ROWS * 30), module)

    assert response.status_code == 413
    assert response.context["error_code"] == "too_large"
    assert response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()


def test_a_50_mb_upload_is_refused_before_its_body_is_read(administrator, module):
    client, token = csrf_client(administrator)
    content = csv_bytes(ROWS) + b" " * (50 * 1024 * 1024)

    response = upload_file(client, token, content, module)

    assert response.status_code == 413
    assert response.context["error_code"] == "too_large"
    assert not ImportBatch.objects.exists()


def test_rows_beyond_the_capacity_fail_whole(
    administrator, module, django_capture_on_commit_callbacks
):
    ModuleSettings.objects.create(module=module, capacity=1)
    rows = [["premiere@exemple.fr"], ["seconde@exemple.fr"]]

    batch, preview = import_file(
        administrator,
        module,
        django_capture_on_commit_callbacks,
        csv_bytes(rows, header=["courriel"]),
    )

    assert preview.context["facts"]["over_capacity"] is True
    assert (batch.summary["enrolled"], batch.summary["failed"]) == (1, 1)
    assert batch.summary["failures"][0]["line"] == 3
    # The failed row left nothing behind: no account, no invitation.
    assert not User.objects.filter(email="seconde@exemple.fr").exists()
    assert invited_addresses() == ["premiere@exemple.fr"]


def test_administrators_may_go_over_the_capacity(
    administrator, module, django_capture_on_commit_callbacks
):
    ModuleSettings.objects.create(module=module, capacity=1)
    rows = [["premiere@exemple.fr"], ["seconde@exemple.fr"]]

    batch, _preview = import_file(
        administrator,
        module,
        django_capture_on_commit_callbacks,
        csv_bytes(rows, header=["courriel"]),
        override_capacity="on",
    )

    assert batch.summary["enrolled"] == 2


def test_an_inline_import_that_breaks_leaves_nothing_half_done(
    administrator, module, chesp, monkeypatch, django_capture_on_commit_callbacks
):
    from lms.imports import services

    real_enrol = services.enrolment_create
    calls = []

    def enrol_then_break(**kwargs):
        calls.append(kwargs["learner"].email)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_enrol(**kwargs)

    monkeypatch.setattr(services, "enrolment_create", enrol_then_break)
    client, token = csrf_client(administrator)
    upload_file(client, token, csv_bytes(ROWS), module)
    batch = ImportBatch.objects.get()

    with pytest.raises(RuntimeError):
        confirm(client, token, batch, django_capture_on_commit_callbacks)

    assert calls == ["helene.dupont@exemple.fr", "claire.martin@asso.fr"]
    assert not User.objects.filter(email="helene.dupont@exemple.fr").exists()
    assert not Enrolment.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.PREVIEW
    assert not invitations_sent()


# Who may import --------------------------------------------------------------------------


def test_learners_are_kept_out_of_the_import(learner, module):
    client = signed_in(learner)

    assert client.get(UPLOAD)["Location"] == "/"
    response = client.post(UPLOAD, {"file": upload(csv_bytes(ROWS)), "module": module.pk})
    assert response.status_code == 302
    assert not ImportBatch.objects.exists()


def test_trainers_are_refused(trainer, module, administrator):
    client = signed_in(trainer)

    page = client.get(UPLOAD)
    assert (page.status_code, page["Location"]) == (302, "/admin/")
    client.post(UPLOAD, {"file": upload(csv_bytes(ROWS)), "module": module.pk})
    assert not ImportBatch.objects.exists()

    # Nor can they confirm or read someone else's batch.
    admin_client, token = csrf_client(administrator)
    upload_file(admin_client, token, csv_bytes(ROWS[:2]), module)
    batch = ImportBatch.objects.get()
    assert client.get(f"/admin/imports/{batch.pk}/")["Location"] == "/admin/"
    client.post(f"/admin/imports/{batch.pk}/confirm/")
    assert ImportBatch.objects.get().status == ImportBatch.Status.PREVIEW


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert "/comptes/connexion/" in response["Location"]


def test_the_menu_offers_the_import_to_administrators_only(administrator, trainer):
    # The sidebar menu is given to Wagtail's script as JSON.
    assert '"/admin/imports/"' in signed_in(administrator).get("/admin/").content.decode()
    assert '"/admin/imports/"' not in signed_in(trainer).get("/admin/").content.decode()
