"""Mirror pairs: one module of each curriculum that answer each other."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MirrorPair(models.Model):
    """The fact that two modules mirror each other, stored once.

    One side is a module of a curriculum for association leaders, the other a module of a
    curriculum for senior civil servants; each module is on at most one pair (a unique
    constraint on each side). Deleting a module deletes its pair; unpublishing one only
    hides the pair from the public mirror view. Create and change pairs with
    :mod:`curriculum.services`.
    """

    association_module = models.OneToOneField(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="mirror_pair_as_association",
        verbose_name=_("module for association leaders"),
    )
    civil_servant_module = models.OneToOneField(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="mirror_pair_as_civil_servant",
        verbose_name=_("module for senior civil servants"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mirror pair")
        verbose_name_plural = _("mirror pairs")
        ordering = ["association_module__path"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(association_module=models.F("civil_servant_module")),
                name="curriculum_mirrorpair_two_modules",
                violation_error_message=_("A module cannot mirror itself."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.association_module.title} ↔ {self.civil_servant_module.title}"

    def clean(self) -> None:
        from curriculum.rules import mirror_pair_errors

        if self.association_module_id is None or self.civil_servant_module_id is None:
            return
        errors = mirror_pair_errors(
            association_module=self.association_module,
            civil_servant_module=self.civil_servant_module,
            exclude_pk=self.pk,
        )
        if errors:
            raise ValidationError(errors)
