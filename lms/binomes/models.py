"""Binômes, their projects (milestones, deliverables, comments) and the shared evaluation."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.people.territories import departement_choices

#: Scores of the evaluation grid go from 1 (weak) to SCORE_MAX (excellent).
SCORE_MIN = 1
SCORE_MAX = 4


class Binome(models.Model):
    """A senior civil servant and an association leader of one promotion, paired on a
    project.

    Each learner is in at most one binôme per promotion: :class:`BinomeMember` rows carry
    that rule into the database.
    """

    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        ACTIVE = "active", _("project in progress")
        COMPLETED = "completed", _("completed")

    promotion = models.ForeignKey(
        "people.Promotion",
        on_delete=models.CASCADE,
        related_name="binomes",
        verbose_name=_("promotion"),
    )
    civil_servant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("senior civil servant"),
    )
    association_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("association leader"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FORMING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("formed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("binôme")
        verbose_name_plural = _("binômes")
        ordering = ["promotion", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(civil_servant=models.F("association_leader")),
                name="binomes_binome_two_people",
                violation_error_message=_("A binôme pairs two different people."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.civil_servant.get_full_name()} – {self.association_leader.get_full_name()}"

    @property
    def member_ids(self) -> tuple[int, int]:
        """The two members' user ids."""
        return (self.civil_servant_id, self.association_leader_id)

    def partner_of(self, user):
        """The other member of the binôme."""
        return self.association_leader if user.pk == self.civil_servant_id else self.civil_servant


class BinomeMember(models.Model):
    """One learner's place in a binôme; unique per promotion, so a learner is paired once."""

    binome = models.ForeignKey(
        Binome, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("binôme")
    )
    promotion = models.ForeignKey(
        "people.Promotion", on_delete=models.CASCADE, related_name="+", verbose_name=_("promotion")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="binome_memberships",
        verbose_name=_("learner"),
    )

    class Meta:
        verbose_name = _("binôme member")
        verbose_name_plural = _("binôme members")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "learner"],
                name="binomes_member_one_binome_per_promotion",
                violation_error_message=_("This learner is already in a binôme of this promotion."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.binome}"


class PairingThemes(models.Model):
    """The themes a learner declares in a promotion, used to suggest a pairing."""

    promotion = models.ForeignKey(
        "people.Promotion", on_delete=models.CASCADE, related_name="+", verbose_name=_("promotion")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    themes = models.CharField(
        _("themes"),
        max_length=500,
        blank=True,
        help_text=_("Separated by commas, e.g. « insertion, logement, mobilité »."),
    )

    class Meta:
        verbose_name = _("declared themes")
        verbose_name_plural = _("declared themes")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "learner"], name="binomes_themes_one_per_promotion"
            )
        ]

    def __str__(self) -> str:
        return self.themes

    @property
    def theme_set(self) -> frozenset[str]:
        """The themes as a set of lower-case words, blanks removed."""
        return frozenset(part.strip().lower() for part in self.themes.split(",") if part.strip())


class Project(models.Model):
    """The concrete project of a binôme: the public problem it addresses, where, with whom."""

    binome = models.OneToOneField(
        Binome, on_delete=models.CASCADE, related_name="project", verbose_name=_("binôme")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    problem = models.TextField(_("public problem addressed"), blank=True)
    territory = models.CharField(
        _("territory (département)"), max_length=3, choices=departement_choices(), blank=True
    )
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("E.g. a local authority, a public operator.")
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title or str(self.binome)


class Milestone(models.Model):
    """A step of a project, with its due date."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


def deliverable_upload_to(instance: "Deliverable", filename: str) -> str:
    """Deliverables are stored under ``binomes/<project id>/``."""
    return f"binomes/{instance.project_id}/{filename}"


class Deliverable(models.Model):
    """A document of a project, kept in the platform's storage (checked on upload)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("project")
    )
    file = models.FileField(_("file"), upload_to=deliverable_upload_to, max_length=255)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=8)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A trainer's comment on a project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="comments", verbose_name=_("project")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:50]


class EvaluationCriterion(models.Model):
    """A criterion of a promotion's evaluation grid, defined by an administrator."""

    promotion = models.ForeignKey(
        "people.Promotion",
        on_delete=models.CASCADE,
        related_name="evaluation_criteria",
        verbose_name=_("promotion"),
    )
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["promotion", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class Evaluation(models.Model):
    """One person's evaluation of a binôme's project and cooperation, frozen once submitted.

    Each member evaluates, then a trainer; a member's answers stay hidden from the partner
    until both members have submitted.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        TRAINER = "trainer", _("trainer")

    binome = models.ForeignKey(
        Binome, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("binôme")
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("evaluator"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["binome", "evaluator"],
                name="binomes_evaluation_once_per_person",
                violation_error_message=_("This evaluation has already been submitted."),
            ),
            models.UniqueConstraint(
                fields=["binome"],
                condition=models.Q(role="trainer"),
                name="binomes_evaluation_one_trainer",
                violation_error_message=_("A trainer has already evaluated this binôme."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} – {self.binome}"


class EvaluationAnswer(models.Model):
    """The score (and an optional comment) given to one criterion."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        EvaluationCriterion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="binomes_answer_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="binomes_answer_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ModuleBinomeRequirement(models.Model):
    """A module that completes only once the learner's binôme project is completed.

    Kept here, keyed by module: progress knows nothing of binômes and asks its registered
    requirements (:mod:`lms.progress.requirements`).
    """

    module = models.OneToOneField(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="binome_requirement",
        verbose_name=_("module"),
    )

    class Meta:
        verbose_name = _("module requiring a completed binôme project")
        verbose_name_plural = _("modules requiring a completed binôme project")

    def __str__(self) -> str:
        return str(self.module)


class CurriculumBinomeRequirement(models.Model):
    """A curriculum that completes only once the learner's binôme project is completed
    (besides its modules), so the project counts towards a curriculum certificate.

    Kept here, keyed by curriculum: progress asks its registered curriculum requirements
    (:mod:`lms.progress.requirements`).
    """

    curriculum = models.OneToOneField(
        "curriculum.CurriculumPage",
        on_delete=models.CASCADE,
        related_name="binome_requirement",
        verbose_name=_("curriculum"),
    )

    class Meta:
        verbose_name = _("curriculum requiring a completed binôme project")
        verbose_name_plural = _("curricula requiring a completed binôme project")

    def __str__(self) -> str:
        return str(self.curriculum)
