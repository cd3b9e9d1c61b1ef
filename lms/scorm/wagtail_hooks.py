"""Admin wiring of SCORM: the « Paquets SCORM » section and the package chooser."""

from wagtail import hooks

from lms.scorm.viewsets import scorm_package_chooser_viewset, scorm_package_viewset


@hooks.register("register_admin_viewset")
def register_scorm_package_viewset():
    return scorm_package_viewset


@hooks.register("register_admin_viewset")
def register_scorm_package_chooser_viewset():
    return scorm_package_chooser_viewset


# The trainers' views (attempts, grants) live in their own module.
from lms.scorm import trainer_hooks  # noqa: E402,F401
