"""Create the site's skeleton: home page, curricula index and the legal pages.

Replaces Wagtail's default welcome page. Works on historical models, so pages are placed
in the tree by hand (treebeard materialised paths, 4 characters a level).
"""

import uuid

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

HOME_LEAD = (
    "Des modules de formation croisés pour rapprocher les hauts fonctionnaires et les "
    "dirigeants associatifs de l'économie sociale et solidaire."
)
HOME_BODY = (
    "<p>Le programme « La fonction publique s'engage », porté par le ministère de l'Action "
    "publique, de la Fonction publique et de la Simplification, la Fondation La France "
    "s'engage et l'Impact Tank, rapproche deux univers de l'intérêt général : la fonction "
    "publique et l'économie sociale et solidaire (ESS).</p>"
    "<p>À partir de 2026, deux parcours se répondent module par module : "
    "« Politiques publiques et service public » pour les dirigeants associatifs lauréats de "
    "La France s'engage, et « ESS et innovation sociale » pour les hauts fonctionnaires en "
    "formation initiale et continue à l'INSP. Les promotions mêlent les deux publics.</p>"
)
INDEX_INTRO = (
    "<p>Deux parcours en miroir : chaque module de l'un répond à un module de l'autre, pour "
    "bâtir une culture commune entre action publique et initiatives associatives.</p>"
)
MIRROR_INTRO = (
    "<p>La vue miroir place les deux parcours côte à côte. Sur chaque ligne, les modules qui "
    "se répondent ; une case vide signale un module qui n'a pas encore de miroir.</p>"
)
ACCESSIBILITY_BODY = (
    "<h2>État de conformité</h2>"
    "<p>La plateforme « La fonction publique s'engage » est <b>non conforme</b> avec le "
    "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : aucun audit "
    "n'a encore été mené. Un audit est prévu avant l'ouverture des inscriptions.</p>"
    "<h2>Établissement de cette déclaration</h2>"
    "<p>Cette déclaration sera mise à jour à l'issue de l'audit.</p>"
    "<h2>Retour d'information et contact</h2>"
    "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter "
    "le responsable de la plateforme pour être orienté vers une alternative accessible ou "
    "obtenir le contenu sous une autre forme.</p>"
    "<h2>Voies de recours</h2>"
    "<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou "
    "à une fonctionnalité, que vous nous le signalez et que vous ne parvenez pas à obtenir "
    "une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une "
    "demande de saisine au Défenseur des droits.</p>"
)
LEGAL_NOTICE_BODY = (
    "<h2>Éditeur</h2>"
    "<p>Institut national du service public (INSP), 1 rue Sainte-Marguerite, 67000 "
    "Strasbourg, en lien avec la Délégation interministérielle à l'encadrement supérieur de "
    "l'État (DIESE) et la Fondation La France s'engage.</p>"
    "<h2>Directeur de la publication</h2>"
    "<p>La directrice ou le directeur de l'INSP.</p>"
    "<h2>Hébergement</h2>"
    "<p>Les coordonnées de l'hébergeur sont indiquées ici par l'exploitant de la plateforme "
    "lors de sa mise en production.</p>"
    "<h2>Propriété intellectuelle</h2>"
    "<p>Sauf mention contraire, les contenus pédagogiques sont la propriété de leurs auteurs "
    "et ne peuvent être réutilisés sans autorisation.</p>"
)
PERSONAL_DATA_BODY = (
    "<h2>Responsable du traitement</h2>"
    "<p>L'Institut national du service public (INSP) traite les données nécessaires au suivi "
    "de la formation : identité, adresse électronique, organisation, promotion, progression "
    "et attestations délivrées.</p>"
    "<h2>Finalités et base légale</h2>"
    "<p>Ces traitements relèvent de la mission de service public de formation de l'INSP "
    "(article 6-1-e du RGPD).</p>"
    "<h2>Durée de conservation</h2>"
    "<p>Les données de suivi sont conservées pendant la durée de la formation puis trois ans ; "
    "les attestations restent vérifiables pendant la durée indiquée sur celles-ci.</p>"
    "<h2>Vos droits</h2>"
    "<p>Vous disposez des droits d'accès, de rectification, de limitation et d'opposition. "
    "Vous pouvez saisir la CNIL si vous estimez que vos droits ne sont pas respectés.</p>"
    "<h2>Cookies</h2>"
    "<p>La plateforme n'utilise que des cookies strictement nécessaires à son fonctionnement "
    "(session et protection contre la falsification de requêtes) ; aucun traceur de mesure "
    "d'audience n'est déposé.</p>"
)


def _child_path(parent_path, index):
    digits = []
    for _ in range(STEPLEN):
        index, rest = divmod(index, len(ALPHABET))
        digits.append(ALPHABET[rest])
    return parent_path + "".join(reversed(digits))


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, name = model.split(".")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=name)
    return content_type


def create_structure(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("portal", "HomePage")
    LegalPage = apps.get_model("portal", "LegalPage")
    AccessibilityPage = apps.get_model("portal", "AccessibilityPage")
    CurriculumIndexPage = apps.get_model("curriculum", "CurriculumIndexPage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    locale = Locale.objects.order_by("pk").first()

    # Wagtail's own welcome page (a plain Page) goes: the home page takes its place.
    plain_page = _content_type(apps, "wagtailcore.page")
    welcome = Page.objects.filter(depth=2, content_type=plain_page, numchild=0)
    Site.objects.filter(root_page__in=welcome).delete()
    welcome.delete()

    taken = set(Page.objects.filter(depth=2).values_list("path", flat=True))
    index = 1
    while _child_path(root.path, index) in taken:
        index += 1
    home_path = _child_path(root.path, index)

    def common(title, slug, path, depth, url_path, numchild=0, **extra):
        return {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "path": path,
            "depth": depth,
            "numchild": numchild,
            "url_path": url_path,
            "live": True,
            "has_unpublished_changes": False,
            "locale": locale,
            "translation_key": uuid.uuid4(),
            **extra,
        }

    home = HomePage.objects.create(
        content_type=_content_type(apps, "portal.homepage"),
        lead=HOME_LEAD,
        body=HOME_BODY,
        **common("La fonction publique s'engage", "accueil", home_path, 2, "/accueil/", 4),
    )
    children = [
        (
            CurriculumIndexPage,
            "curriculum.curriculumindexpage",
            common("Les parcours", "parcours", _child_path(home_path, 1), 3, "/accueil/parcours/"),
            {"introduction": INDEX_INTRO, "mirror_introduction": MIRROR_INTRO},
        ),
        (
            AccessibilityPage,
            "portal.accessibilitypage",
            common(
                "Déclaration d'accessibilité",
                "accessibilite",
                _child_path(home_path, 2),
                3,
                "/accueil/accessibilite/",
            ),
            {"conformity_status": "none", "body": ACCESSIBILITY_BODY},
        ),
        (
            LegalPage,
            "portal.legalpage",
            common(
                "Mentions légales",
                "mentions-legales",
                _child_path(home_path, 3),
                3,
                "/accueil/mentions-legales/",
            ),
            {"kind": "legal_notice", "body": LEGAL_NOTICE_BODY},
        ),
        (
            LegalPage,
            "portal.legalpage",
            common(
                "Données personnelles",
                "donnees-personnelles",
                _child_path(home_path, 4),
                3,
                "/accueil/donnees-personnelles/",
            ),
            {"kind": "personal_data", "body": PERSONAL_DATA_BODY},
        ),
    ]
    for model, content_type, fields, extra in children:
        model.objects.create(content_type=_content_type(apps, content_type), **fields, **extra)

    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update(is_default_site=False)
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="La fonction publique s'engage",
        root_page_id=home.pk,
        is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("curriculum", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
