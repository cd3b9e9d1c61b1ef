"""factory_boy factories for users and curriculum pages.

Page factories place pages in the tree with ``parent.add_child`` (pass ``parent=``).
"""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from curriculum.models import Audience, CurriculumPage, LessonPage, ModulePage
from lms.accounts.models import User

DEFAULT_PASSWORD = "motdepasse-de-test-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; ``roles=["Formateurs"]`` adds them to groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.gouv.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class PageFactory(factory.django.DjangoModelFactory):
    """Base for page factories: ``parent`` is required and not a model field."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            raise ValueError("A page factory needs parent=<page>.")
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page


class CurriculumPageFactory(PageFactory):
    class Meta:
        model = CurriculumPage

    title = factory.Sequence(lambda n: f"Parcours {n}")
    audience = Audience.ASSOCIATION_LEADERS
    introduction = "<p>Introduction du parcours.</p>"
    learning_outcomes = "<p>À l'issue du parcours, l'apprenant sait agir.</p>"


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "Résumé du module."
    objectives = "<p>Comprendre.</p>"
    duration_hours = Decimal("3.0")
    target_audience = "Dirigeants associatifs"


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leçon {n}")
    summary = "Résumé de la leçon."
    estimated_minutes = 20
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Contenu de la leçon : le cycle de la décision publique.</p>")]
    )
