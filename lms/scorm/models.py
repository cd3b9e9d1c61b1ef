"""SCORM packages, their versions and item trees, and learners' attempts.

Rows here are written only by the services of this app (``importer``, ``services``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScormVersion(models.TextChoices):
    SCORM_12 = "1.2", "SCORM 1.2"
    SCORM_2004_2 = "2004 2nd", "SCORM 2004 2nd Edition"
    SCORM_2004_3 = "2004 3rd", "SCORM 2004 3rd Edition"
    SCORM_2004_4 = "2004 4th", "SCORM 2004 4th Edition"
    # Namespaces say 2004 but no schemaversion tells the edition.
    SCORM_2004 = "2004", "SCORM 2004"
    # A plain IMS content package (no ADL namespace): assets only.
    IMS_CP = "ims-cp", _("IMS content package (no SCORM runtime)")


class ScormPackage(models.Model):
    """A package as trainers manage it: a title and its successive uploaded versions.

    Lessons point at the package; each play uses its current version, and attempts keep the
    version they started on.
    """

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> ScormPackageVersion | None:
        """The latest version (versions are only added, never edited)."""
        return self.versions.order_by("-number").first()


class ScormPackageVersion(models.Model):
    """One uploaded zip, extracted into storage under ``storage_prefix``. Immutable."""

    package = models.ForeignKey(
        ScormPackage,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("package"),
    )
    number = models.PositiveIntegerField(_("version number"))
    scorm_version = models.CharField(
        _("SCORM version"), max_length=16, choices=ScormVersion.choices
    )
    title = models.CharField(_("title from the manifest"), max_length=500)
    identifier = models.CharField(_("manifest identifier"), max_length=255, blank=True)
    storage_prefix = models.CharField(_("storage prefix"), max_length=255, unique=True)
    original_filename = models.CharField(_("file name"), max_length=255, blank=True)
    archive_sha256 = models.CharField(_("SHA-256 of the zip"), max_length=64)
    archive_bytes = models.BigIntegerField(_("zip size (bytes)"))
    file_count = models.PositiveIntegerField(_("files"))
    uncompressed_bytes = models.BigIntegerField(_("uncompressed size (bytes)"))
    # What the manifest said beyond the item rows: organization identifier and title,
    # sequencing collection, resources summary (for display and diagnostics).
    manifest = models.JSONField(_("manifest summary"), default=dict, blank=True)
    warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM package version")
        verbose_name_plural = _("SCORM package versions")
        ordering = ["package", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "number"], name="scorm_version_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package.title} (v{self.number})"

    @property
    def is_2004(self) -> bool:
        return self.scorm_version.startswith("2004")

    def launchable_items(self):
        return self.items.exclude(href="").order_by("position")


class ScormItem(models.Model):
    """A node of the default organization's item tree, in tree order (``position``).

    A cluster has no resource; a SCO or an asset has one, and is launchable when its
    resource has an ``href`` (``href`` here is already resolved through ``xml:base`` and
    followed by the item's parameters).
    """

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("section")
        SCO = "sco", _("SCO")
        ASSET = "asset", _("asset")

    version = models.ForeignKey(
        ScormPackageVersion,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("package version"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent item"),
    )
    identifier = models.CharField(_("identifier"), max_length=255)
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveIntegerField(_("position in tree order"))
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    resource_identifier = models.CharField(_("resource"), max_length=255, blank=True)
    href = models.CharField(_("launch path"), max_length=2000, blank=True)
    is_visible = models.BooleanField(_("visible"), default=True)
    # Runtime data from the manifest.
    mastery_score = models.DecimalField(
        _("mastery score (1.2)"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    max_time_allowed = models.CharField(_("maximum time allowed"), max_length=64, blank=True)
    time_limit_action = models.CharField(_("time limit action"), max_length=64, blank=True)
    data_from_lms = models.TextField(_("launch data"), blank=True)
    prerequisites = models.CharField(_("prerequisites (1.2)"), max_length=2000, blank=True)
    completion_threshold = models.DecimalField(
        _("completion threshold (2004)"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    scaled_passing_score = models.DecimalField(
        _("scaled passing score (2004)"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    # Objectives declared for the item (2004): [{"id", "primary", "satisfied_by_measure",
    # "min_normalized_measure", "map_info": [...]}].
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    # Resolved sequencing (IDRef merged with the item's own): control mode, rules, limits,
    # delivery controls; see ``manifest``.
    sequencing = models.JSONField(_("sequencing"), default=dict, blank=True)

    class Meta:
        verbose_name = _("SCORM item")
        verbose_name_plural = _("SCORM items")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "identifier"], name="scorm_item_identifier_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def launchable(self) -> bool:
        return bool(self.href)


class ScormRegistration(models.Model):
    """A learner's use of a SCORM lesson: the row locked around their commits, and the
    sequencing state shared by the SCOs (global objectives, last SCO, suspended tree)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scorm_registrations",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("lesson")
    )
    # Global objectives by id: {"id": {"satisfied": bool|None, "measure": float|None,
    # "completed": bool|None, "progress": float|None}}.
    global_objectives = models.JSONField(_("global objectives"), default=dict, blank=True)
    sequencing_state = models.JSONField(_("sequencing state"), default=dict, blank=True)
    last_item_identifier = models.CharField(_("last SCO"), max_length=255, blank=True)
    extra_attempts = models.PositiveIntegerField(
        _("extra attempts granted"),
        default=0,
        help_text=_("Added by trainers to the maximum number of attempts."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SCORM registration")
        verbose_name_plural = _("SCORM registrations")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="scorm_registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} / {self.lesson_id}"


class CompletionStatus(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    NOT_ATTEMPTED = "not attempted", _("not attempted")
    INCOMPLETE = "incomplete", _("incomplete")
    COMPLETED = "completed", _("completed")


class SuccessStatus(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("failed")


class ScormAttempt(models.Model):
    """One attempt of a learner on one SCO of a lesson's package.

    Unique per learner × lesson × SCO identifier × number (a double click on launch gives one
    attempt). Plain values follow the highest commit sequence; completion and success only
    move up; interactions and objectives merge by id.
    """

    registration = models.ForeignKey(
        ScormRegistration,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("registration"),
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scorm_attempts",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("lesson")
    )
    version = models.ForeignKey(
        ScormPackageVersion,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("package version"),
    )
    item = models.ForeignKey(
        ScormItem, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("SCO")
    )
    sco_identifier = models.CharField(_("SCO identifier"), max_length=255)
    number = models.PositiveIntegerField(_("attempt number"))

    # Evaluated by the server (see ``cmi``), never downgraded.
    completion_status = models.CharField(
        _("completion"),
        max_length=16,
        choices=CompletionStatus.choices,
        default=CompletionStatus.NOT_ATTEMPTED,
    )
    success_status = models.CharField(
        _("success"), max_length=8, choices=SuccessStatus.choices, default=SuccessStatus.UNKNOWN
    )
    # The raw values last reported by the SCO.
    lesson_status = models.CharField(_("reported status (1.2)"), max_length=16, blank=True)
    score_raw = models.DecimalField(
        _("raw score"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    score_min = models.DecimalField(
        _("minimum score"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    score_max = models.DecimalField(
        _("maximum score"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    score_scaled = models.DecimalField(
        _("scaled score"), max_digits=7, decimal_places=5, null=True, blank=True
    )
    progress_measure = models.DecimalField(
        _("progress measure"), max_digits=7, decimal_places=5, null=True, blank=True
    )
    location = models.CharField(_("location"), max_length=1000, blank=True)
    suspend_data = models.TextField(_("suspend data"), blank=True)
    exit_value = models.CharField(_("exit"), max_length=16, blank=True)
    # Time: total of the sessions before the current one, and the latest session_time of
    # the current session (each session counted once).
    previous_sessions_seconds = models.PositiveIntegerField(_("earlier sessions (s)"), default=0)
    session_seconds = models.PositiveIntegerField(_("current session (s)"), default=0)
    session_count = models.PositiveIntegerField(_("sessions"), default=0)
    # Everything else the runtime holds (learner preferences, comments, ...), as last
    # committed, so a resumed session gets it back.
    cmi = models.JSONField(_("runtime data"), default=dict, blank=True)
    interactions = models.JSONField(_("interactions"), default=dict, blank=True)
    objectives = models.JSONField(_("objectives"), default=dict, blank=True)
    nav_request = models.CharField(_("navigation request"), max_length=255, blank=True)
    last_sequence = models.BigIntegerField(_("last commit sequence"), default=-1)
    commit_count = models.PositiveIntegerField(_("commits"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_commit_at = models.DateTimeField(_("last commit"), null=True, blank=True)
    # Set by Terminate/LMSFinish.
    terminated_at = models.DateTimeField(_("terminated at"), null=True, blank=True)
    # Set when the attempt may not be resumed (completed, or exited other than suspend).
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SCORM attempt")
        verbose_name_plural = _("SCORM attempts")
        ordering = ["learner", "lesson", "sco_identifier", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson", "sco_identifier", "number"],
                name="scorm_attempt_unique",
            ),
        ]
        indexes = [models.Index(fields=["lesson", "learner"], name="scorm_attempt_lesson")]

    def __str__(self) -> str:
        return f"{self.sco_identifier} #{self.number}"

    @property
    def total_seconds(self) -> int:
        return self.previous_sessions_seconds + self.session_seconds
