"""The user model: e-mail login, unique whatever its case."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lms.accounts.models import User


@pytest.mark.django_db
def test_create_user_stores_the_address_in_lower_case():
    user = User.objects.create_user("Claire.Martin@INSP.gouv.fr", "motdepasse-solide-2026")
    assert user.email == "claire.martin@insp.gouv.fr"


@pytest.mark.django_db
def test_database_refuses_an_address_differing_only_by_case():
    User.objects.create_user("karim@asso.fr", "motdepasse-solide-2026")
    with pytest.raises(IntegrityError), transaction.atomic():
        # Bypass normalisation: the functional unique index still refuses it.
        User.objects.bulk_create([User(email="KARIM@asso.fr")])
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_full_clean_reports_a_duplicate_address_in_any_case():
    User.objects.create_user("karim@asso.fr", "motdepasse-solide-2026")
    duplicate = User(email="Karim@Asso.FR")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean(exclude=["password"])
    assert "email" in excinfo.value.message_dict


@pytest.mark.django_db
def test_natural_key_lookup_ignores_case():
    user = User.objects.create_user("relecteur@insp.gouv.fr", "motdepasse-solide-2026")
    assert User.objects.get_by_natural_key("  RELECTEUR@insp.gouv.FR ") == user
