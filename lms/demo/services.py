"""The demo seed: creates the demo curricula, mirror pairs and accounts that are missing.

Each item is looked up first (a page by its slug under its parent, an account by its e-mail,
a pair by its modules) and left exactly as it is when found, so that running the seed again
never duplicates anything nor undoes an editor's changes; it only re-creates what is missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from curriculum.models import CurriculumIndexPage, CurriculumPage, LessonPage, ModulePage
from curriculum.selectors import mirror_pair_for_module
from curriculum.services import mirror_pair_create
from lms.accounts import roles
from lms.accounts.models import User
from lms.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from lms.demo.certificates_seed import demo_certificates_seed
from lms.demo.content import CURRICULA, MIRRORS
from lms.demo.learning import demo_learning_seed
from lms.demo.specs import AccountSpec, CurriculumSpec, LessonSpec, MirrorSpec, ModuleSpec

CURRICULA_KIND = "curricula"
MODULES_KIND = "modules"
LESSONS_KIND = "lessons"
MIRRORS_KIND = "mirror_pairs"
PREREQUISITES_KIND = "prerequisites"
ACCOUNTS_KIND = "accounts"
KINDS = (
    CURRICULA_KIND,
    MODULES_KIND,
    LESSONS_KIND,
    PREREQUISITES_KIND,
    MIRRORS_KIND,
    ACCOUNTS_KIND,
)


class DemoSeedError(Exception):
    """The demo cannot be seeded in this database (the message says why, for a person)."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo account as reported: ``created`` is false when it already existed."""

    spec: AccountSpec
    password: str
    created: bool


@dataclass
class DemoReport:
    """What one run of :func:`demo_seed` did.

    ``created`` and ``present`` count items per kind (see ``KINDS``; the prerequisite links
    of a module are set when it is created, those of an existing module count as present);
    ``skipped`` holds translated sentences about items left alone for a reason.
    """

    created: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


def demo_seed(*, stdout: TextIO | None = None) -> DemoReport:
    """Create whatever is missing of the demo content, in one transaction.

    Creates the two curricula under the existing curricula index, with their modules,
    prerequisites and lessons (each page added, revised by the demo trainer and published by
    the demo reviewer, as in the admin), the mirror pairs through
    :func:`curriculum.services.mirror_pair_create`, and one account per role. Existing pages,
    pairs and accounts are left untouched. Writes one line per created item to ``stdout``
    when given. Raises :class:`DemoSeedError` when the site skeleton or the role groups
    (created by migrations) are missing, or when demo content fails validation.
    """
    report = DemoReport()
    with transaction.atomic():
        index = CurriculumIndexPage.objects.order_by("path").first()
        if index is None:
            raise DemoSeedError(
                _("The curricula index page is missing: run “manage.py migrate” first.")
            )
        users = _accounts_seed(report=report, stdout=stdout)
        author = _first_user_with_role(users, roles.TRAINERS)
        publisher = _first_user_with_role(users, roles.REVIEWERS)
        modules: dict[str, ModulePage] = {}
        for spec in CURRICULA:
            curriculum = _curriculum_seed(
                index, spec, author=author, publisher=publisher, report=report, stdout=stdout
            )
            for module_spec in spec.modules:
                module = _module_seed(
                    curriculum,
                    module_spec,
                    siblings=modules,
                    author=author,
                    publisher=publisher,
                    report=report,
                    stdout=stdout,
                )
                modules[module_spec.slug] = module
                for lesson_spec in module_spec.lessons:
                    _lesson_seed(
                        module,
                        lesson_spec,
                        author=author,
                        publisher=publisher,
                        report=report,
                        stdout=stdout,
                    )
        for mirror in MIRRORS:
            _mirror_seed(mirror, modules=modules, user=author, report=report, stdout=stdout)
        learners = {spec.email: user for spec, user in users if spec.role == roles.LEARNERS}
        for line in demo_learning_seed(
            learners=learners,
            trainer=author,
            administrator=_first_user_with_role(users, roles.ADMINISTRATORS),
        ):
            _say(stdout, line)
        for line in demo_certificates_seed(
            learners=learners, administrator=_first_user_with_role(users, roles.ADMINISTRATORS)
        ):
            _say(stdout, line)
    return report


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(f"{message}\n")


def _accounts_seed(*, report: DemoReport, stdout: TextIO | None) -> list[tuple[AccountSpec, User]]:
    names = {spec.role for spec in DEMO_ACCOUNTS}
    groups = {group.name: group for group in Group.objects.filter(name__in=names)}
    missing = sorted(names - groups.keys())
    if missing:
        raise DemoSeedError(
            _(
                "The groups %(groups)s are missing: run “manage.py migrate”, or "
                "“manage.py roles_sync” if they were deleted."
            )
            % {"groups": ", ".join(missing)}
        )
    users = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=spec.email).first()
        created = user is None
        if created:
            # create_user() hashes the password with set_password().
            user = User.objects.create_user(
                spec.email,
                DEMO_PASSWORD,
                first_name=spec.first_name,
                last_name=spec.last_name,
            )
            user.groups.add(groups[spec.role])
            report.created[ACCOUNTS_KIND] += 1
            _say(
                stdout,
                _("Created account %(email)s (%(role)s).")
                % {"email": spec.email, "role": spec.role},
            )
        else:
            report.present[ACCOUNTS_KIND] += 1
        report.accounts.append(DemoAccount(spec=spec, password=DEMO_PASSWORD, created=created))
        users.append((spec, user))
    return users


def _first_user_with_role(users: list[tuple[AccountSpec, User]], role: str) -> User:
    return next(user for spec, user in users if spec.role == role)


def _existing_child(parent: Page, slug: str, model: type[Page]) -> Page | None:
    """The child of ``parent`` with this slug, as ``model``; refuse another page type."""
    child = parent.get_children().filter(slug=slug).first()
    if child is None:
        return None
    child = child.specific
    if not isinstance(child, model):
        raise DemoSeedError(
            _(
                "The page “%(title)s” (%(slug)s) under “%(parent)s” is not of the expected type; "
                "rename or move it, then run the seed again."
            )
            % {"title": child.title, "slug": slug, "parent": parent.title}
        )
    return child


def _publish_new_child(parent: Page, page: Page, *, author: User, publisher: User) -> None:
    """Add ``page`` under ``parent`` as the admin does: a revision by the author, published."""
    page.owner = author
    parent.add_child(instance=page)
    revision = page.save_revision(user=author, log_action=True)
    revision.publish(user=publisher)


def _curriculum_seed(
    index: CurriculumIndexPage,
    spec: CurriculumSpec,
    *,
    author: User,
    publisher: User,
    report: DemoReport,
    stdout: TextIO | None,
) -> CurriculumPage:
    existing = _existing_child(index, spec.slug, CurriculumPage)
    if existing is not None:
        report.present[CURRICULA_KIND] += 1
        return existing
    curriculum = CurriculumPage(
        title=spec.title,
        slug=spec.slug,
        audience=spec.audience,
        introduction=spec.introduction,
        learning_outcomes=spec.learning_outcomes,
    )
    _publish_new_child(index, curriculum, author=author, publisher=publisher)
    report.created[CURRICULA_KIND] += 1
    _say(stdout, _("Created curriculum “%(title)s”.") % {"title": spec.title})
    return curriculum


def _module_seed(
    curriculum: CurriculumPage,
    spec: ModuleSpec,
    *,
    siblings: dict[str, ModulePage],
    author: User,
    publisher: User,
    report: DemoReport,
    stdout: TextIO | None,
) -> ModulePage:
    existing = _existing_child(curriculum, spec.slug, ModulePage)
    if existing is not None:
        report.present[MODULES_KIND] += 1
        report.present[PREREQUISITES_KIND] += existing.prerequisites.count()
        return existing
    module = ModulePage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        objectives=spec.objectives,
        duration_hours=spec.duration_hours,
        target_audience=spec.target_audience,
    )
    # Prerequisites are part of the page (and of its revision), so they are set before the
    # first save; ModulePage.clean() checks they stay in the curriculum and make no cycle.
    module.prerequisites.set([siblings[slug] for slug in spec.prerequisites])
    _publish_new_child(curriculum, module, author=author, publisher=publisher)
    report.created[MODULES_KIND] += 1
    report.created[PREREQUISITES_KIND] += len(spec.prerequisites)
    _say(stdout, _("Created module “%(title)s”.") % {"title": spec.title})
    return module


def _lesson_seed(
    module: ModulePage,
    spec: LessonSpec,
    *,
    author: User,
    publisher: User,
    report: DemoReport,
    stdout: TextIO | None,
) -> LessonPage:
    existing = _existing_child(module, spec.slug, LessonPage)
    if existing is not None:
        report.present[LESSONS_KIND] += 1
        return existing
    lesson = LessonPage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        estimated_minutes=spec.estimated_minutes,
        body=list(spec.body),
    )
    # Page.full_clean() does not validate StreamField blocks; the admin form would.
    try:
        LessonPage._meta.get_field("body").stream_block.clean(lesson.body)
    except ValidationError as error:
        raise DemoSeedError(
            _("The demo lesson “%(title)s” is invalid: %(error)s")
            % {"title": spec.title, "error": error}
        ) from error
    _publish_new_child(module, lesson, author=author, publisher=publisher)
    report.created[LESSONS_KIND] += 1
    _say(stdout, _("Created lesson “%(title)s”.") % {"title": spec.title})
    return lesson


def _mirror_seed(
    spec: MirrorSpec,
    *,
    modules: dict[str, ModulePage],
    user: User,
    report: DemoReport,
    stdout: TextIO | None,
) -> None:
    association_module = modules[spec.association_module]
    civil_servant_module = modules[spec.civil_servant_module]
    association_pair = mirror_pair_for_module(module=association_module)
    civil_servant_pair = mirror_pair_for_module(module=civil_servant_module)
    if association_pair is not None and association_pair == civil_servant_pair:
        report.present[MIRRORS_KIND] += 1
        return
    if association_pair is not None or civil_servant_pair is not None:
        # An editor paired one of them with another module: their choice stands.
        report.skipped.append(
            _("“%(a)s” and “%(b)s” were not paired: one of them already mirrors another module.")
            % {"a": association_module.title, "b": civil_servant_module.title}
        )
        return
    pair = mirror_pair_create(first=association_module, second=civil_servant_module, user=user)
    report.created[MIRRORS_KIND] += 1
    _say(stdout, _("Created mirror pair %(pair)s.") % {"pair": str(pair)})
