"""The default French text of each e-mail: created by a data migration, and used when an
administrator has deleted an e-mail's template."""

from __future__ import annotations

from lms.notifications.placeholders import (
    BINOME_EVALUATION_DUE,
    BINOME_PAIRED,
    CERTIFICATE_ISSUED,
    ENROLMENT_CONFIRMATION,
    INVITATION,
    MODULE_COMPLETED,
)

SIGNATURE = "Bien cordialement,\n\nL'équipe La fonction publique s'engage\n"

#: ``key: (subject, body)``; French content, not interface text (it is data editors change).
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    ENROLMENT_CONFIRMATION: (
        "Votre inscription au module « {module} »",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre inscription au module « {module} » est confirmée.\n"
        "\n"
        "Vous pouvez commencer dès maintenant en suivant ce lien :\n"
        "{lien}\n"
        "\n"
        "Vous retrouverez à tout moment ce module et votre progression dans votre espace "
        "« Mon parcours ».\n"
        "\n" + SIGNATURE,
    ),
    INVITATION: (
        "Votre accès à la plateforme {plateforme}",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un compte a été créé pour vous sur la plateforme de formation {plateforme}, "
        "qui réunit hauts fonctionnaires et dirigeants associatifs autour de modules de "
        "formation croisée.\n"
        "\n"
        "Votre identifiant est votre adresse électronique : {courriel}\n"
        "\n"
        "Pour activer votre compte, choisissez votre mot de passe en suivant ce lien :\n"
        "{lien}\n"
        "\n"
        "Ce lien vous est personnel et reste valable quelques jours. S'il a expiré, vous "
        "pourrez en demander un nouveau depuis la page de connexion "
        "(« Mot de passe oublié ? »).\n"
        "\n"
        "Si vous n'attendiez pas ce message, vous pouvez l'ignorer.\n"
        "\n" + SIGNATURE,
    ),
    MODULE_COMPLETED: (
        "Module « {module} » terminé",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Félicitations : vous avez terminé le module « {module} » le {date}.\n"
        "\n"
        "Vous retrouverez vos modules terminés et votre progression dans votre espace "
        "« Mon parcours » :\n"
        "{lien}\n"
        "\n" + SIGNATURE,
    ),
    BINOME_PAIRED: (
        "Votre binôme pour la promotion {promotion}",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Vous formez désormais un binôme avec {partenaire} dans la promotion {promotion}.\n"
        "\n"
        "Ensemble, vous allez mener un projet concret au service de l'intérêt général. "
        "Décrivez-le, fixez vos jalons et déposez vos livrables sur la page du projet :\n"
        "{lien}\n"
        "\n" + SIGNATURE,
    ),
    BINOME_EVALUATION_DUE: (
        "Évaluation partagée du projet « {projet} »",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Le projet « {projet} », mené avec {partenaire}, est terminé. Il est temps de "
        "l'évaluer, ainsi que votre coopération, sur la grille de la promotion.\n"
        "\n"
        "Vos réponses restent confidentielles pour votre binôme jusqu'à ce que vous ayez "
        "tous deux répondu :\n"
        "{lien}\n"
        "\n" + SIGNATURE,
    ),
    CERTIFICATE_ISSUED: (
        "Votre attestation « {intitule} » est disponible",
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre attestation de formation « {intitule} » a été émise. Vous pouvez la "
        "télécharger depuis votre espace « Mon parcours » :\n"
        "{lien}\n"
        "\n"
        "Toute personne peut en vérifier l'authenticité, sans compte, avec le code "
        "{code} ou à cette adresse :\n"
        "{lien_verification}\n"
        "\n" + SIGNATURE,
    ),
}
