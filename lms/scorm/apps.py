"""App configuration of SCORM."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    name = "lms.scorm"
    label = "scorm"
    verbose_name = _("SCORM packages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from curriculum.extensions import module_lesson_type_register
        from lms.progress.lessons import register_lesson_model
        from lms.scorm import checks  # noqa: F401  (registers the system checks)
        from lms.scorm.pages import ScormLessonPage

        module_lesson_type_register(ScormLessonPage)
        register_lesson_model(ScormLessonPage)
