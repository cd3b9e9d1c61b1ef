"""Learner profiles, promotions and their members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from curriculum.models import Audience
from lms.people.territories import (
    DEPARTEMENT_NAMES,
    DEPARTEMENT_REGION,
    REGION_NAMES,
    departement_choices,
    region_choices,
)


class LearnerProfile(models.Model):
    """What the platform knows of a learner beyond the account: audience, organisation,
    territory and preferred language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner_profile",
        verbose_name=_("user"),
    )
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    region = models.CharField(_("région"), max_length=2, choices=region_choices(), blank=True)
    departement = models.CharField(
        _("département"), max_length=3, choices=departement_choices(), blank=True
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        if self.departement and not self.region:
            self.region = DEPARTEMENT_REGION[self.departement]
        if self.departement and DEPARTEMENT_REGION.get(self.departement) != self.region:
            raise ValidationError(
                {
                    "departement": _("%(departement)s is not in the région %(region)s.")
                    % {
                        "departement": DEPARTEMENT_NAMES[self.departement],
                        "region": REGION_NAMES.get(self.region, self.region),
                    }
                }
            )

    @property
    def territory_label(self) -> str:
        """« Région – département » as people read it."""
        parts = [REGION_NAMES.get(self.region, ""), DEPARTEMENT_NAMES.get(self.departement, "")]
        return " – ".join(part for part in parts if part)


class Promotion(models.Model):
    """A cohort (e.g. « CHESP 2026 ») mixing senior civil servants and association leaders,
    followed by trainers."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    region = models.CharField(
        _("territory (région)"), max_length=2, choices=region_choices(), blank=True
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="followed_promotions",
        verbose_name=_("trainers following it"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PromotionMembership",
        related_name="promotions",
        verbose_name=_("learners"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year"],
                name="people_promotion_unique_name_year",
                violation_error_message=_("A promotion with this name already exists this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="people_promotion_dates_in_order",
                violation_error_message=_("The end date must follow the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name if str(self.year) in self.name else f"{self.name} ({self.year})"


class PromotionMembership(models.Model):
    """A learner's membership of a promotion."""

    promotion = models.ForeignKey(
        Promotion, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("promotion")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="promotion_memberships",
        verbose_name=_("learner"),
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("promotion membership")
        verbose_name_plural = _("promotion memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "learner"], name="people_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.promotion}"
