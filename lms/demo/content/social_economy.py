"""Demo curriculum « ESS et innovation sociale », for senior civil servants.

French content written for senior civil servants in INSP initial and continuing training
(CHESP promotions): the social and solidarity economy, its models, impact and scaling.
"""

from decimal import Decimal

from curriculum.models import Audience
from lms.demo.specs import (
    CurriculumSpec,
    LessonSpec,
    ModuleSpec,
    callout,
    heading,
    key_points,
    paragraph,
)

TARGET_AUDIENCE = (
    "Hauts fonctionnaires en formation à l'INSP (CHESP, formation initiale et continue)"
)

GOVERNANCE = ModuleSpec(
    slug="gouvernance-associative",
    title="Gouvernance associative et décision collective",
    summary=(
        "Loi de 1901, statuts, assemblée générale et conseil d'administration, place des "
        "bénévoles et des salariés, familles coopérative et mutualiste : comment se prennent "
        "les décisions dans l'économie sociale et solidaire."
    ),
    objectives=(
        "<ul><li>Connaître le cadre juridique de l'association et ses marges de liberté "
        "statutaire.</li><li>Comprendre le partage des rôles entre instances élues et "
        "direction salariée.</li><li>Comparer les gouvernances associative, coopérative, "
        "mutualiste et des fondations.</li></ul>"
    ),
    duration_hours=Decimal("3.5"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="loi-1901-et-fonctionnement",
            title="La loi de 1901 et le fonctionnement d'une association",
            summary="Un contrat, une liberté constitutionnelle, des statuts largement libres.",
            estimated_minutes=35,
            body=(
                heading("Un contrat, une liberté"),
                paragraph(
                    "La loi du 1er juillet 1901 définit l'association comme « la convention "
                    "par laquelle deux ou plusieurs personnes mettent en commun, d'une façon "
                    "permanente, leurs connaissances ou leur activité dans un but autre que de "
                    "partager des bénéfices ». Par sa décision du 16 juillet 1971, le Conseil "
                    "constitutionnel a fait de la liberté d'association un principe "
                    "fondamental reconnu par les lois de la République : une association se "
                    "forme librement, sans autorisation préalable.",
                    "Pour acquérir la capacité juridique — ouvrir un compte, recevoir des "
                    "subventions, employer, agir en justice —, l'association est déclarée au "
                    "greffe des associations de la préfecture et publiée au Journal officiel "
                    "des associations et fondations d'entreprise (JOAFE). En Alsace et en "
                    "Moselle, un droit local s'applique : l'association est inscrite au "
                    "registre tenu par le tribunal judiciaire.",
                ),
                heading("Des statuts largement libres"),
                paragraph(
                    "La loi impose très peu de règles d'organisation : ce sont les statuts qui "
                    "fixent les instances, leur composition et leurs pouvoirs. La plupart des "
                    "associations retiennent une assemblée générale des membres, qui approuve "
                    "les comptes et élit un conseil d'administration, lequel désigne un bureau "
                    "(présidence, trésorerie, secrétariat). Ce n'est qu'un usage : des "
                    "gouvernances collégiales, sans président, sont parfaitement légales.",
                    "Certaines associations sont soumises à des exigences supplémentaires. La "
                    "reconnaissance d'utilité publique, accordée par décret en Conseil d'État, "
                    "suppose notamment des statuts conformes aux modèles approuvés et un "
                    "rayonnement dépassant le cadre local. Pour être d'intérêt général au sens "
                    "fiscal — et ouvrir à leurs donateurs une réduction d'impôt de 66 % pour "
                    "les particuliers et de 60 % pour les entreprises —, elles doivent en "
                    "particulier avoir une gestion désintéressée : en principe des dirigeants "
                    "bénévoles, une rémunération n'étant tolérée que dans les limites fixées "
                    "par la loi fiscale.",
                ),
                callout(
                    "Repère",
                    "La France compte plus d'un million d'associations actives. Environ "
                    "150 000 d'entre elles emploient des salariés, soit près de 1,8 million de "
                    "personnes ; l'immense majorité fonctionne uniquement grâce à des "
                    "bénévoles.",
                ),
                key_points(
                    "L'association est un contrat entre au moins deux personnes, dans un but "
                    "autre que le partage des bénéfices.",
                    "La liberté d'association a valeur constitutionnelle ; la déclaration en "
                    "préfecture donne la capacité juridique.",
                    "Les statuts organisent librement la gouvernance.",
                    "Utilité publique et intérêt général fiscal imposent des exigences "
                    "supplémentaires, dont la gestion désintéressée.",
                ),
            ),
        ),
        LessonSpec(
            slug="benevoles-salaries-et-dirigeants",
            title="Bénévoles, salariés et dirigeants : partager le pouvoir",
            summary="Instances élues et direction salariée, et ce que l'administration doit en "
            "savoir.",
            estimated_minutes=30,
            body=(
                heading("Une double légitimité"),
                paragraph(
                    "Dans une association employeuse, le pouvoir se partage entre des "
                    "administrateurs élus, bénévoles, qui portent le projet et en répondent "
                    "devant l'assemblée générale, et une direction salariée qui apporte "
                    "l'expertise et la continuité. Les statuts ou un règlement intérieur "
                    "précisent les délégations : qui signe les contrats de travail, qui engage "
                    "les dépenses, qui représente l'association auprès des financeurs.",
                    "Cette double légitimité est une force quand chacun tient son rôle : le "
                    "conseil d'administration fixe les orientations, arbitre les choix "
                    "stratégiques et contrôle la direction ; la direction met en œuvre et rend "
                    "compte. Elle devient une fragilité lorsqu'un dirigeant fondateur concentre "
                    "tous les pouvoirs, ou lorsque le conseil, faute de temps ou de "
                    "compétences, valide sans débattre.",
                ),
                heading("Ce que l'administration doit en savoir"),
                paragraph(
                    "Pour un financeur public, la gouvernance n'est pas un détail. Les délais "
                    "de décision d'une association suivent le rythme de ses instances : "
                    "répondre à un marché, signer une convention pluriannuelle ou recruter "
                    "suppose souvent une délibération du conseil d'administration, voire de "
                    "l'assemblée générale. Exiger une réponse sous huit jours d'une structure "
                    "dont le conseil se réunit chaque trimestre, c'est parfois la pousser à "
                    "contourner sa propre gouvernance.",
                    "Les réseaux et fédérations jouent un rôle de représentation et de "
                    "mutualisation. Le Mouvement associatif, ses déclinaisons régionales et les "
                    "fédérations sectorielles — éducation populaire, sport, solidarité — sont "
                    "des interlocuteurs précieux pour consulter plus largement qu'une seule "
                    "structure.",
                ),
                callout(
                    "Exercice en binôme",
                    "Avec votre binôme associatif, retracez la dernière décision importante de "
                    "son association : qui l'a proposée, qui l'a débattue, qui l'a votée, en "
                    "combien de temps. Comparez avec le circuit d'une décision dans votre "
                    "administration.",
                ),
                key_points(
                    "Administrateurs élus et direction salariée exercent deux légitimités "
                    "complémentaires.",
                    "Les délégations de pouvoir doivent être écrites et connues.",
                    "Le rythme des instances associatives conditionne les délais de réponse : "
                    "intégrez-le à vos calendriers.",
                ),
            ),
        ),
        LessonSpec(
            slug="cooperatives-mutuelles-fondations",
            title="Coopératives, mutuelles et fondations : d'autres gouvernances",
            summary="Une personne, une voix ; des adhérents propriétaires ; un patrimoine affecté.",
            estimated_minutes=25,
            body=(
                heading("La démocratie coopérative et mutualiste"),
                paragraph(
                    "Les coopératives, régies par la loi du 10 septembre 1947, appliquent le "
                    "principe « une personne, une voix », quel que soit le capital détenu. Les "
                    "sociétés coopératives et participatives (SCOP) sont détenues "
                    "majoritairement par leurs salariés ; les sociétés coopératives d'intérêt "
                    "collectif (SCIC), créées par la loi du 17 juillet 2001, associent "
                    "salariés, bénéficiaires et autres parties prenantes, parmi lesquelles des "
                    "collectivités territoriales, qui peuvent détenir jusqu'à 50 % du capital.",
                    "Les mutuelles, régies par le code de la mutualité, sont des organismes à "
                    "but non lucratif qui appartiennent à leurs adhérents ; ceux-ci élisent "
                    "leurs délégués à l'assemblée générale. Leur défi démocratique : faire "
                    "vivre la participation de très nombreux adhérents dans un secteur "
                    "fortement réglementé et concentré.",
                ),
                heading("Fondations et fonds de dotation"),
                paragraph(
                    "Une fondation affecte de manière irrévocable des biens à une œuvre "
                    "d'intérêt général ; elle n'a pas de membres, et ses organes administrent "
                    "un patrimoine au service d'une cause. Fondations reconnues d'utilité "
                    "publique, fondations d'entreprise et fonds de dotation, créés en 2008, "
                    "forment un paysage varié, qui finance souvent les associations. La "
                    "Fondation La France s'engage, partenaire de ce programme, soutient ainsi "
                    "des innovations sociales lauréates.",
                ),
                callout(
                    "La gouvernance démocratique, critère de l'ESS",
                    "La loi du 31 juillet 2014 fait de la gouvernance démocratique l'une des "
                    "conditions d'appartenance à l'ESS : l'information et la participation des "
                    "associés, des salariés et des parties prenantes ne dépendent pas "
                    "seulement de leur apport en capital.",
                ),
                key_points(
                    "Coopératives : une personne, une voix ; les SCIC associent plusieurs "
                    "catégories de parties prenantes, dont des collectivités.",
                    "Les mutuelles appartiennent à leurs adhérents.",
                    "Les fondations affectent un patrimoine à une cause et financent souvent "
                    "les associations.",
                ),
            ),
        ),
    ),
)

ECONOMIC_MODELS = ModuleSpec(
    slug="modeles-economiques-de-l-ess",
    title="Les modèles économiques de l'ESS",
    summary=(
        "Le périmètre de l'ESS fixé par la loi du 31 juillet 2014, l'agrément ESUS et la "
        "réalité des modèles économiques hybrides, entre ressources marchandes, financements "
        "publics et engagement bénévole."
    ),
    objectives=(
        "<ul><li>Connaître le périmètre légal de l'ESS et les conditions de l'agrément ESUS."
        "</li><li>Analyser la structure des ressources d'une structure de l'ESS.</li>"
        "<li>Mesurer l'effet de vos choix de financement public sur la solidité des "
        "structures financées.</li></ul>"
    ),
    duration_hours=Decimal("4.0"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="loi-2014-et-perimetre-de-l-ess",
            title="La loi du 31 juillet 2014 et le périmètre de l'ESS",
            summary="Trois conditions, des statuts et des sociétés, l'agrément ESUS.",
            estimated_minutes=35,
            body=(
                heading("Une définition par les principes"),
                paragraph(
                    "La loi du 31 juillet 2014 relative à l'économie sociale et solidaire a "
                    "donné pour la première fois une définition légale de l'ESS : un mode "
                    "d'entreprendre et de développement économique adapté à tous les domaines "
                    "de l'activité humaine, auquel adhèrent des personnes morales de droit "
                    "privé qui remplissent trois conditions :",
                    "<ul><li>un <b>but poursuivi autre que le seul partage des bénéfices</b> ;"
                    "</li><li>une <b>gouvernance démocratique</b>, définie et organisée par "
                    "les statuts, prévoyant l'information et la participation des associés, "
                    "des salariés et des parties prenantes ;</li><li>une <b>gestion</b> dans "
                    "laquelle les bénéfices sont majoritairement consacrés au maintien ou au "
                    "développement de l'activité, et les réserves obligatoires sont "
                    "impartageables.</li></ul>",
                    "Associations, coopératives, mutuelles et fondations en font partie par "
                    "leur statut. La loi y ajoute les sociétés commerciales qui respectent ces "
                    "principes, recherchent une utilité sociale et appliquent des règles de "
                    "gestion renforcées. L'ESS représente environ un emploi salarié sur dix "
                    "en France.",
                ),
                heading("L'agrément « entreprise solidaire d'utilité sociale »"),
                paragraph(
                    "L'agrément ESUS, prévu par l'article L. 3332-17-1 du code du travail et "
                    "délivré par le préfet de département, distingue au sein de l'ESS les "
                    "entreprises dont la recherche d'une utilité sociale est l'objectif "
                    "principal et pèse de manière significative sur leurs comptes. Leur "
                    "politique de rémunération est encadrée : la moyenne des cinq "
                    "rémunérations les plus élevées ne dépasse pas sept fois le SMIC, et la "
                    "plus élevée dix fois. L'agrément vaut cinq ans, deux ans pour une "
                    "entreprise de moins de trois ans.",
                    "Il ouvre l'accès à des financements dédiés, en particulier l'épargne "
                    "salariale solidaire : les fonds dits « 90/10 » investissent de 5 à 10 % "
                    "de leur actif dans des entreprises solidaires. Certaines structures en "
                    "bénéficient de plein droit, comme celles de l'insertion par l'activité "
                    "économique ou les entreprises adaptées.",
                ),
                callout(
                    "L'utilité sociale selon la loi",
                    "L'article 2 de la loi reconnaît l'utilité sociale aux activités qui "
                    "soutiennent des personnes en situation de fragilité, luttent contre les "
                    "exclusions et les inégalités, préservent le lien social et la cohésion "
                    "territoriale, contribuent à l'éducation à la citoyenneté, ou concourent "
                    "au développement durable, à la transition énergétique, à la promotion "
                    "culturelle et à la solidarité internationale.",
                ),
                key_points(
                    "Trois conditions : un but autre que le partage des bénéfices, une "
                    "gouvernance démocratique, des bénéfices réinvestis.",
                    "Associations, coopératives, mutuelles, fondations et sociétés "
                    "commerciales de l'ESS composent le périmètre légal.",
                    "L'agrément ESUS, délivré par le préfet, ouvre l'accès à l'épargne solidaire.",
                    "L'ESS représente environ un emploi salarié sur dix.",
                ),
            ),
        ),
        LessonSpec(
            slug="modeles-economiques-hybrides",
            title="Des modèles économiques hybrides",
            summary="Ressources marchandes, non marchandes et non monétaires, et leurs fragilités.",
            estimated_minutes=35,
            body=(
                heading("Trois familles de ressources"),
                paragraph(
                    "La plupart des structures de l'ESS combinent trois types de ressources. "
                    "Les ressources marchandes viennent de la vente de biens ou de services à "
                    "des particuliers, des entreprises ou des acheteurs publics. Les "
                    "ressources non marchandes sont les subventions, les dons et le mécénat. "
                    "Les ressources non monétaires recouvrent le bénévolat, les mises à "
                    "disposition de locaux ou de personnel et les dons en nature. Cette "
                    "hybridation n'est pas un pis-aller : elle reflète une activité qui crée à "
                    "la fois une valeur économique et une valeur sociale que le marché ne "
                    "rémunère pas.",
                    "Une entreprise d'insertion vend des prestations et reçoit de l'État une "
                    "aide au poste qui compense l'accompagnement des salariés en parcours ; une "
                    "épicerie solidaire combine ventes à prix réduit, subventions des "
                    "collectivités et bénévolat ; une association d'éducation populaire vit de "
                    "cotisations, de participations des familles, de prestations pour les "
                    "communes et de subventions.",
                ),
                heading("Des fragilités bien connues"),
                paragraph(
                    "Depuis une vingtaine d'années, les études sur le financement associatif "
                    "constatent un recul de la part des subventions au profit de la commande "
                    "publique et des participations des usagers. Ce mouvement a des effets : "
                    "des financements annuels, fléchés sur des projets, qui couvrent mal les "
                    "frais de structure ; des fonds propres faibles ; des tensions de "
                    "trésorerie lorsque les subventions sont versées tard dans l'année. Une "
                    "association peut avoir une activité florissante et manquer de "
                    "trésorerie.",
                    "Des outils de consolidation existent : avances et versements anticipés, "
                    "conventions pluriannuelles finançant le fonctionnement, prêts et "
                    "garanties de France Active, prêts participatifs et titres associatifs, "
                    "dispositif local d'accompagnement (DLA). Les contrats à impact social, "
                    "expérimentés depuis 2016, font préfinancer un programme par des "
                    "investisseurs que la puissance publique rembourse si les objectifs sont "
                    "atteints ; ils restent un outil de niche, coûteux à monter.",
                ),
                callout(
                    "Ce que vos décisions changent",
                    "Une subvention versée en juin pour une action commencée en janvier oblige "
                    "l'association à avancer six mois de dépenses. Conclure des conventions "
                    "pluriannuelles, verser une avance dès la signature et financer une part "
                    "des frais de structure sont des décisions de gestion à la portée de "
                    "l'administration, qui renforcent directement la solidité de ses "
                    "partenaires.",
                ),
                key_points(
                    "Les structures de l'ESS hybrident ressources marchandes, non marchandes "
                    "et non monétaires.",
                    "Le recul de la subvention au profit de la commande publique fragilise "
                    "fonds propres et trésorerie.",
                    "Conventions pluriannuelles, avances et financement du fonctionnement "
                    "consolident les partenaires.",
                    "France Active, le DLA et les titres associatifs aident à consolider les "
                    "modèles.",
                ),
            ),
        ),
    ),
)

SOCIAL_IMPACT = ModuleSpec(
    slug="mesurer-l-impact-social",
    title="Mesurer l'impact social",
    summary=(
        "Utilité sociale, résultats, impact : ce que recouvre la mesure d'impact social, ses "
        "méthodes, ses coûts et ses limites, et comment la construire avec les structures "
        "plutôt que la leur imposer."
    ),
    objectives=(
        "<ul><li>Distinguer réalisations, résultats et impact.</li><li>Choisir une méthode de "
        "mesure proportionnée aux enjeux et aux moyens.</li><li>Co-construire des indicateurs "
        "avec une structure financée.</li></ul>"
    ),
    duration_hours=Decimal("3.5"),
    target_audience=TARGET_AUDIENCE,
    prerequisites=(ECONOMIC_MODELS.slug,),
    lessons=(
        LessonSpec(
            slug="utilite-sociale-et-impact-social",
            title="Utilité sociale et impact social : de quoi parle-t-on ?",
            summary="Une définition partagée et la chaîne qui va de l'activité à l'impact.",
            estimated_minutes=30,
            body=(
                heading("Une définition partagée"),
                paragraph(
                    "Le Conseil supérieur de l'économie sociale et solidaire a proposé en 2011 "
                    "une définition de l'impact social : l'ensemble des conséquences — "
                    "évolutions, inflexions, changements, ruptures — des activités d'une "
                    "organisation, tant sur ses parties prenantes externes (bénéficiaires, "
                    "usagers, clients), directes ou indirectes, et sur son territoire, que sur "
                    "ses parties prenantes internes (salariés, bénévoles, volontaires) et sur "
                    "la société en général.",
                    "Cette définition large rappelle que l'impact ne se limite pas aux "
                    "bénéficiaires directs : une ressourcerie réduit les déchets d'un "
                    "territoire, crée des emplois d'insertion, offre des biens à bas prix et "
                    "fait vivre un lieu de sociabilité. Elle rappelle aussi que l'impact peut "
                    "être négatif ou inattendu.",
                ),
                heading("De l'activité à l'impact"),
                paragraph(
                    "<p>On décrit souvent la création de valeur sociale comme une chaîne :</p>"
                    "<ol><li><b>ressources</b> : moyens humains, financiers et matériels ;</li>"
                    "<li><b>activités</b> : ce que fait la structure (ateliers, "
                    "accompagnements, distributions) ;</li><li><b>réalisations</b> : ce qui "
                    "est produit et se compte directement (personnes accompagnées, heures de "
                    "formation) ;</li><li><b>résultats</b> : les changements observés chez "
                    "les personnes (retour à l'emploi, confiance en soi, accès aux droits) ;"
                    "</li><li><b>impact</b> : la part de ces changements attribuable à "
                    "l'action, à plus long terme et à l'échelle de la société.</li></ol>",
                    "Le passage des résultats à l'impact est le plus difficile : il suppose de "
                    "savoir ce qui se serait passé sans l'action. C'est la question de "
                    "l'attribution, que l'évaluation des politiques publiques traite avec les "
                    "mêmes outils.",
                ),
                callout(
                    "Le parallèle avec l'évaluation des politiques publiques",
                    "Les dirigeants associatifs du parcours miroir étudient, dans le module "
                    "« Évaluer une politique publique », les critères de pertinence, "
                    "d'efficacité et d'efficience et les méthodes contrefactuelles. Les deux "
                    "démarches posent la même question : qu'est-ce qui a changé, pour qui, et "
                    "grâce à quoi ?",
                ),
                key_points(
                    "L'impact social recouvre toutes les conséquences d'une activité, internes "
                    "et externes, positives ou négatives.",
                    "Réalisations, résultats et impact ne se mesurent pas de la même façon.",
                    "Passer des résultats à l'impact suppose de raisonner sur ce qui se serait "
                    "passé sans l'action.",
                ),
            ),
        ),
        LessonSpec(
            slug="methodes-couts-et-limites",
            title="Méthodes, coûts et limites de la mesure",
            summary="Choisir une méthode, proportionner l'exigence, éviter les effets pervers.",
            estimated_minutes=35,
            body=(
                heading("Une palette de méthodes"),
                paragraph(
                    "Les approches quantitatives suivent des indicateurs de réalisations et de "
                    "résultats, souvent à partir d'enquêtes avant et après l'accompagnement. "
                    "Les méthodes contrefactuelles comparent les bénéficiaires à un groupe "
                    "témoin, parfois constitué par tirage au sort ; ce sont les plus robustes "
                    "pour établir un effet, mais aussi les plus coûteuses, réservées à des "
                    "programmes d'une certaine taille. Le retour social sur investissement "
                    "(SROI) monétise les effets pour les comparer aux sommes investies ; il "
                    "parle aux financeurs, au prix d'hypothèses de valorisation discutables.",
                    "Les approches qualitatives — entretiens, récits de vie, études de cas, "
                    "observation — éclairent les mécanismes : comment et pourquoi l'action "
                    "produit ses effets. Les démarches participatives associent les personnes "
                    "accompagnées à la définition de ce qui compte pour elles, et font souvent "
                    "apparaître des effets que personne n'avait prévu de mesurer.",
                ),
                heading("Proportionner l'exigence"),
                paragraph(
                    "La mesure d'impact a un coût. Exiger d'une petite association une étude "
                    "contrefactuelle pour une subvention de quelques milliers d'euros n'a pas "
                    "de sens ; lui demander de renseigner dix indicateurs différents pour dix "
                    "financeurs non plus. Le principe de proportionnalité conduit à ajuster "
                    "l'exigence au montant en jeu, à la maturité du projet et à l'usage des "
                    "résultats : piloter, rendre compte, convaincre ou décider d'un changement "
                    "d'échelle.",
                    "Le risque inverse existe : des indicateurs trop simples, comme le nombre "
                    "de personnes accueillies, poussent à privilégier les publics les plus "
                    "faciles à accompagner ; c'est l'effet d'écrémage. Les indicateurs "
                    "orientent les comportements : ils se choisissent avec la structure et se "
                    "révisent lorsqu'ils produisent des effets pervers.",
                ),
                callout(
                    "Bonne pratique",
                    "Dans une convention pluriannuelle d'objectifs, retenez avec la structure "
                    "trois à cinq indicateurs au plus, mêlant réalisations et résultats, et "
                    "prévoyez chaque année un temps d'échange sur leur lecture. Harmonisez vos "
                    "attentes avec les autres financeurs du même projet.",
                ),
                key_points(
                    "Quantitatives, contrefactuelles, monétisées, qualitatives ou "
                    "participatives : chaque méthode répond à une question différente.",
                    "L'exigence de mesure se proportionne au montant, à la maturité du projet "
                    "et à l'usage des résultats.",
                    "Des indicateurs mal choisis produisent des effets pervers, comme "
                    "l'écrémage des publics.",
                    "Des indicateurs co-construits et partagés entre financeurs allègent la "
                    "charge des structures.",
                ),
            ),
        ),
    ),
)

TERRITORIAL_ROOTS = ModuleSpec(
    slug="ancrage-territorial-de-l-ess",
    title="L'ancrage territorial de l'ESS",
    summary=(
        "Chambres régionales, pôles territoriaux de coopération économique, stratégies "
        "régionales, SCIC et tiers-lieux : comment l'ESS s'organise dans les territoires et "
        "coopère avec les collectivités et les services de l'État."
    ),
    objectives=(
        "<ul><li>Identifier les acteurs et les réseaux de l'ESS dans une région.</li>"
        "<li>Connaître les outils de coopération entre collectivités, État et ESS.</li>"
        "<li>Mobiliser l'ESS dans une politique publique territoriale.</li></ul>"
    ),
    duration_hours=Decimal("3.0"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="ecosystemes-territoriaux",
            title="Les écosystèmes territoriaux de l'ESS",
            summary="CRESS, stratégies régionales, PTCE, SCIC et tiers-lieux.",
            estimated_minutes=30,
            body=(
                heading("Des réseaux organisés"),
                paragraph(
                    "Dans chaque région, une chambre régionale de l'économie sociale et "
                    "solidaire (CRESS), reconnue par la loi du 31 juillet 2014, représente et "
                    "promeut les entreprises de l'ESS, tient la liste de celles de la région "
                    "et contribue à l'observation de leur activité. Au niveau national, ESS "
                    "France fédère les CRESS et les grandes familles de l'ESS.",
                    "La loi prévoit aussi que la région élabore, en concertation avec la CRESS "
                    "et les acteurs, une stratégie régionale de l'ESS, intégrée au schéma "
                    "régional de développement économique, d'innovation et "
                    "d'internationalisation (SRDEII), et qu'une conférence régionale de l'ESS "
                    "se réunisse au moins tous les deux ans.",
                ),
                heading("Coopérer sur un territoire"),
                paragraph(
                    "Les pôles territoriaux de coopération économique (PTCE) regroupent, sur "
                    "un même territoire, des entreprises de l'ESS, des entreprises classiques, "
                    "des collectivités, des centres de recherche ou des organismes de "
                    "formation autour d'une stratégie commune de coopération au service de "
                    "projets innovants et d'un développement local durable. Les SCIC "
                    "permettent d'associer une collectivité au capital d'un projet d'intérêt "
                    "collectif : énergie renouvelable citoyenne, restauration collective, "
                    "mobilité rurale. Les tiers-lieux, soutenus par l'État depuis 2019, "
                    "accueillent souvent ces coopérations.",
                ),
                callout(
                    "Exemple",
                    "Dans de nombreux territoires ruraux, une SCIC réunit agriculteurs, "
                    "cuisiniers, parents d'élèves et communes pour approvisionner les cantines "
                    "en produits locaux. La collectivité y est associée, et non seulement "
                    "cliente : elle participe aux décisions et partage le risque.",
                ),
                key_points(
                    "Les CRESS représentent l'ESS dans chaque région ; ESS France les fédère.",
                    "La région élabore une stratégie régionale de l'ESS intégrée au SRDEII.",
                    "PTCE, SCIC et tiers-lieux sont des outils de coopération entre l'ESS et "
                    "les collectivités.",
                ),
            ),
        ),
        LessonSpec(
            slug="mobiliser-l-ess-dans-les-territoires",
            title="Mobiliser l'ESS dans une politique territoriale",
            summary="Cartographier l'ESS locale et passer de la subvention à la coopération.",
            estimated_minutes=35,
            body=(
                heading("Connaître avant d'agir"),
                paragraph(
                    "Un haut fonctionnaire qui prend un poste dans un territoire — préfet, "
                    "sous-préfet, directeur départemental, directeur général des services "
                    "d'une collectivité — gagne à cartographier rapidement l'ESS locale : les "
                    "principales associations employeuses, les structures de l'insertion par "
                    "l'activité économique, les coopératives, les réseaux (CRESS, fédérations, "
                    "points d'appui à la vie associative) et les financeurs solidaires. "
                    "L'observatoire de la CRESS et le conseil départemental de l'insertion par "
                    "l'activité économique sont de bonnes portes d'entrée.",
                    "Le dispositif local d'accompagnement (DLA), créé en 2002 et financé "
                    "notamment par l'État et la Banque des Territoires, aide les structures "
                    "employeuses de l'ESS à consolider leur modèle ; ses chargés de mission "
                    "connaissent finement le tissu local.",
                ),
                heading("Passer de la subvention à la coopération"),
                paragraph(
                    "Les acteurs de l'ESS ne sont pas seulement les opérateurs de politiques "
                    "conçues ailleurs : ils repèrent des besoins, expérimentent des réponses et "
                    "mobilisent des ressources que l'administration n'a pas, à commencer par "
                    "l'engagement bénévole. La circulaire du 29 septembre 2015 invite à la "
                    "co-construction : associer les acteurs dès le diagnostic, partager les "
                    "données, définir ensemble les objectifs et les modalités d'évaluation.",
                    "Concrètement, cela peut prendre la forme d'un appel à projets plutôt que "
                    "d'un marché, d'une convention pluriannuelle, d'un comité de pilotage "
                    "mixte ou d'une SCIC associant la collectivité. C'est aussi une question "
                    "de posture : accepter que l'initiative vienne de l'extérieur de "
                    "l'administration, et donner aux partenaires la visibilité dont ils ont "
                    "besoin.",
                ),
                callout(
                    "Exercice en binôme",
                    "Choisissez une politique publique que vous pilotez ou avez pilotée. Avec "
                    "votre binôme associatif, identifiez les acteurs de l'ESS du territoire "
                    "concerné, ce qu'ils apportent et le cadre juridique qui permettrait de "
                    "travailler avec eux (voir le module « L'action publique territoriale » du "
                    "parcours miroir).",
                ),
                key_points(
                    "Cartographiez l'ESS locale dès votre prise de poste : CRESS, conseil "
                    "départemental de l'IAE et DLA sont de bonnes portes d'entrée.",
                    "Les acteurs de l'ESS repèrent des besoins et mobilisent des ressources "
                    "que l'administration n'a pas.",
                    "La co-construction commence dès le diagnostic et se prolonge dans "
                    "l'évaluation.",
                ),
            ),
        ),
    ),
)

SCALING = ModuleSpec(
    slug="changement-d-echelle-des-innovations-sociales",
    title="Changer d'échelle : diffuser les innovations sociales",
    summary=(
        "Ce qu'est une innovation sociale, les stratégies de changement d'échelle — "
        "essaimage, coopération, influence sur les politiques publiques — et le rôle que peut "
        "y jouer l'administration."
    ),
    objectives=(
        "<ul><li>Reconnaître une innovation sociale au sens de la loi de 2014.</li>"
        "<li>Distinguer les stratégies de changement d'échelle et leurs conditions de "
        "réussite.</li><li>Identifier les leviers publics qui accélèrent ou freinent la "
        "diffusion d'une innovation.</li></ul>"
    ),
    duration_hours=Decimal("3.5"),
    target_audience=TARGET_AUDIENCE,
    prerequisites=(SOCIAL_IMPACT.slug,),
    lessons=(
        LessonSpec(
            slug="qu-est-ce-qu-une-innovation-sociale",
            title="Qu'est-ce qu'une innovation sociale ?",
            summary="La définition de la loi de 2014 et les lauréats de La France s'engage.",
            estimated_minutes=25,
            body=(
                heading("Une définition légale"),
                paragraph(
                    "L'article 15 de la loi du 31 juillet 2014 qualifie d'innovation sociale "
                    "le projet d'une ou plusieurs entreprises consistant à offrir des produits "
                    "ou des services qui répondent à des besoins sociaux non ou mal satisfaits, "
                    "que ce soit dans les conditions actuelles du marché ou dans le cadre des "
                    "politiques publiques, ou qui y répondent par une forme innovante "
                    "d'entreprise, un processus innovant de production de biens ou de services "
                    "ou un mode innovant d'organisation du travail.",
                    "L'innovation sociale se juge donc moins à la nouveauté technique qu'à la "
                    "réponse apportée à un besoin et à la manière de s'organiser pour y "
                    "répondre. Elle naît souvent au plus près du terrain, chez des personnes "
                    "confrontées elles-mêmes au problème, et associe les bénéficiaires à sa "
                    "conception.",
                ),
                heading("Les lauréats de La France s'engage"),
                paragraph(
                    "Lancée en 2014 et portée depuis 2017 par une fondation, La France "
                    "s'engage repère et accompagne chaque année des initiatives d'innovation "
                    "sociale à fort potentiel : insertion des jeunes, lutte contre "
                    "l'isolement, inclusion numérique, transition écologique. Depuis la "
                    "première phase du programme « La fonction publique s'engage », ses "
                    "lauréats rejoignent les promotions du CHESP ; ils sont vos binômes dans "
                    "ce parcours.",
                ),
                callout(
                    "Définition de travail",
                    "Une innovation sociale répond à un <b>besoin social</b> mal satisfait, le "
                    "fait d'une <b>manière nouvelle</b> dans son contexte et <b>associe</b> "
                    "les personnes concernées. La nouveauté est relative : une solution "
                    "éprouvée ailleurs peut être innovante sur un territoire.",
                ),
                key_points(
                    "La loi de 2014 définit l'innovation sociale par le besoin satisfait et "
                    "par la manière d'y répondre.",
                    "L'innovation sociale naît souvent du terrain et associe les bénéficiaires.",
                    "Les lauréats de La France s'engage portent des innovations sociales "
                    "reconnues.",
                ),
            ),
        ),
        LessonSpec(
            slug="strategies-de-changement-d-echelle",
            title="Les stratégies de changement d'échelle",
            summary="Croître, essaimer, coopérer, influencer, et les conditions de réussite.",
            estimated_minutes=35,
            body=(
                heading("Essaimer, coopérer, influencer"),
                paragraph(
                    "Changer d'échelle, ce n'est pas seulement grandir. On distingue plusieurs "
                    "stratégies, souvent combinées :",
                    "<ul><li><b>la croissance</b> d'une structure qui ouvre de nouvelles "
                    "implantations ;</li><li><b>l'essaimage</b> : d'autres structures "
                    "reproduisent le modèle, sous forme de franchise sociale, de licence ou de "
                    "réseau, avec un cahier des charges et un accompagnement ;</li><li><b>la "
                    "diffusion ouverte</b> : la méthode est documentée et mise librement à "
                    "disposition ;</li><li><b>la coopération</b> avec d'autres acteurs, "
                    "publics ou privés, qui intègrent l'innovation à leurs propres services ;"
                    "</li><li><b>l'influence sur les politiques publiques</b> : l'innovation "
                    "inspire une loi, un dispositif ou un financement de droit commun, et "
                    "change ainsi d'échelle sans que la structure d'origine grossisse.</li>"
                    "</ul>",
                    "Le Livre blanc de l'innovation sociale, dont le programme « La fonction "
                    "publique s'engage » met en œuvre l'une des propositions phares, appelle "
                    "précisément à ce changement d'échelle, et à une coopération plus étroite "
                    "entre administrations et innovateurs sociaux pour y parvenir.",
                ),
                heading("Conditions de réussite"),
                paragraph(
                    "Une innovation change d'échelle lorsque ses effets sont démontrés (voir "
                    "le module « Mesurer l'impact social »), que ses ingrédients essentiels "
                    "sont identifiés — ce qui doit être reproduit à l'identique et ce qui peut "
                    "s'adapter au territoire —, qu'un modèle économique soutenable existe à la "
                    "nouvelle échelle et que la gouvernance permet de piloter un réseau. Les "
                    "programmes d'accompagnement, comme ceux de La France s'engage ou "
                    "l'initiative French Impact lancée en 2018, travaillent ces conditions.",
                ),
                callout(
                    "Le piège du financement d'amorçage",
                    "Beaucoup d'innovations s'arrêtent après l'expérimentation : les crédits "
                    "d'innovation financent le démarrage, mais aucun financement de droit "
                    "commun ne prend le relais. Prévoir dès le départ qui financera la suite "
                    "en cas de succès est une responsabilité partagée entre le porteur et "
                    "l'administration.",
                ),
                key_points(
                    "Croissance, essaimage, diffusion ouverte, coopération et influence sur "
                    "les politiques publiques : les grandes stratégies de changement d'échelle.",
                    "Une innovation essaime quand ses effets sont démontrés et ses ingrédients "
                    "essentiels identifiés.",
                    "Le relais par un financement de droit commun se prépare dès "
                    "l'expérimentation.",
                ),
            ),
        ),
        LessonSpec(
            slug="du-projet-au-dispositif-public",
            title="Du projet au dispositif public : travailler en binôme",
            summary="Ce que la première phase a montré, et une méthode en quatre temps.",
            estimated_minutes=30,
            body=(
                heading("Ce que la première phase a montré"),
                paragraph(
                    "En 2024, quinze binômes associant hauts fonctionnaires et responsables "
                    "associatifs ont travaillé sur des projets concrets, complétés par un "
                    "hackathon organisé au sein du Cycle des hautes études de service public. "
                    "Les résultats ont été probants : des solutions plus pragmatiques, mieux "
                    "adaptées aux besoins de terrain, et une manière de coopérer fondée sur la "
                    "compréhension mutuelle, l'ancrage opérationnel et l'évaluation partagée.",
                    "Le binôme fonctionne parce que chacun apporte ce qui manque à l'autre : "
                    "le dirigeant associatif connaît les publics, les besoins et les "
                    "contraintes du terrain ; le haut fonctionnaire connaît les mécanismes de "
                    "décision, les circuits budgétaires et les marges juridiques de "
                    "l'administration.",
                ),
                heading("Une méthode en quatre temps"),
                paragraph(
                    "<ol><li><b>Partir du besoin</b> : décrire précisément le problème "
                    "rencontré par les personnes, avec leurs mots et des données.</li>"
                    "<li><b>Cartographier</b> les acteurs publics et privés concernés, leurs "
                    "compétences et leurs financements.</li><li><b>Identifier le verrou</b> : "
                    "une règle, un financement inadapté, un circuit de décision, une donnée "
                    "manquante.</li><li><b>Proposer une voie</b> : expérimentation, "
                    "convention, évolution d'un texte, mutualisation, avec ses modalités "
                    "d'évaluation et le financement de la suite.</li></ol>",
                    "Le livrable attendu n'est pas un rapport : c'est une proposition qu'un "
                    "décideur peut retenir, assortie d'un calendrier réaliste au regard des "
                    "temps de l'action publique et de ceux de l'association.",
                ),
                callout(
                    "L'ambition du programme",
                    "Faire de la coopération entre administrations et acteurs associatifs un "
                    "réflexe dès la conception des politiques publiques, et pas seulement au "
                    "moment de leur mise en œuvre.",
                ),
                key_points(
                    "Le binôme associe la connaissance du terrain et celle des mécanismes publics.",
                    "Partir du besoin, cartographier, identifier le verrou, proposer une voie.",
                    "Une bonne proposition dit comment elle sera évaluée et financée après "
                    "l'expérimentation.",
                ),
            ),
        ),
    ),
)

SOCIAL_ECONOMY_CURRICULUM = CurriculumSpec(
    slug="ess-et-innovation-sociale",
    title="ESS et innovation sociale",
    audience=Audience.CIVIL_SERVANTS,
    introduction=(
        "<p>Ce parcours s'adresse aux hauts fonctionnaires en formation initiale et continue à "
        "l'Institut national du service public (INSP), notamment aux auditeurs du Cycle des "
        "hautes études de service public (CHESP), en lien avec la Délégation "
        "interministérielle à l'encadrement supérieur de l'État (DIESE).</p>"
        "<p>Il fait découvrir l'économie sociale et solidaire de l'intérieur : ses statuts et "
        "sa gouvernance, ses modèles économiques, la mesure de son impact, son ancrage "
        "territorial et les conditions du changement d'échelle des innovations sociales. "
        "Chaque module répond à un module du parcours « Politiques publiques et service "
        "public » suivi par les dirigeants associatifs lauréats de La France s'engage.</p>"
    ),
    learning_outcomes=(
        "<p>À l'issue du parcours, vous saurez :</p><ul>"
        "<li>situer les acteurs de l'ESS et le cadre fixé par la loi du 31 juillet 2014 ;</li>"
        "<li>analyser le modèle économique d'une association ou d'une entreprise sociale, et "
        "l'effet de vos décisions de financement ;</li>"
        "<li>discuter une démarche de mesure d'impact social et en fixer des attentes "
        "proportionnées ;</li>"
        "<li>mobiliser les acteurs de l'ESS d'un territoire dans une politique publique ;</li>"
        "<li>accompagner le changement d'échelle d'une innovation sociale.</li></ul>"
    ),
    modules=(GOVERNANCE, ECONOMIC_MODELS, SOCIAL_IMPACT, TERRITORIAL_ROOTS, SCALING),
)
