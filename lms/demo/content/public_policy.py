"""Demo curriculum « Politiques publiques et service public », for association leaders.

French content written for the leaders of associations laureate of La France s'engage: how
the State and local authorities decide, fund, contract and evaluate.
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

TARGET_AUDIENCE = "Dirigeants associatifs lauréats de La France s'engage"

DECISION_CYCLE = ModuleSpec(
    slug="cycle-de-la-decision-publique",
    title="Le cycle de la décision publique",
    summary=(
        "Des institutions de la Ve République aux services qui appliquent les décisions : "
        "comment naît, se décide et se met en œuvre une politique publique, et où une "
        "association peut utilement intervenir."
    ),
    objectives=(
        "<ul><li>Distinguer la loi, le règlement et la circulaire, et savoir qui les adopte.</li>"
        "<li>Décrire les étapes du cycle d'une politique publique et les acteurs de chacune."
        "</li><li>Repérer les moments où la voix associative peut peser : consultation, "
        "concertation, plaidoyer.</li></ul>"
    ),
    duration_hours=Decimal("4.0"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="institutions-et-fabrique-de-la-norme",
            title="Les institutions et la fabrique de la norme",
            summary="Loi, règlement, circulaire : qui produit quelle norme, et qui la contrôle.",
            estimated_minutes=35,
            body=(
                heading("Qui fait la loi, qui fait le règlement ?"),
                paragraph(
                    "La Constitution du 4 octobre 1958 partage la production des normes entre "
                    "le Parlement et le Gouvernement. Son article 34 énumère les matières "
                    "réservées à la loi : droits civiques et libertés publiques, fiscalité, "
                    "principes fondamentaux de la libre administration des collectivités "
                    "territoriales, du droit du travail ou de la sécurité sociale, notamment. "
                    "Tout ce qui ne relève pas de la loi appartient au pouvoir réglementaire "
                    "(article 37) : décrets du Premier ministre, parfois délibérés en Conseil "
                    "des ministres, puis arrêtés ministériels, préfectoraux ou municipaux.",
                    "Une loi est rarement applicable seule : elle renvoie souvent à des "
                    "décrets d'application, dont la publication peut prendre plusieurs mois. "
                    "Pour une association, c'est un point d'attention majeur : un droit "
                    "nouveau voté par le Parlement ne produit ses effets qu'une fois ses textes "
                    "d'application parus au <i>Journal officiel</i>. Légifrance publie, pour "
                    "chaque loi, un échéancier de ses textes d'application.",
                    "Les circulaires et instructions, enfin, n'ajoutent en principe rien au "
                    "droit : elles expliquent aux services comment appliquer les textes. "
                    "Depuis 2018, une circulaire qui n'est pas publiée sur le site prévu à cet "
                    "effet est réputée abrogée, et toute personne peut se prévaloir de "
                    "l'interprétation d'une règle contenue dans une instruction publiée.",
                ),
                heading("Le rôle des juridictions"),
                paragraph(
                    "Le Conseil d'État occupe une double place. Conseiller du Gouvernement, il "
                    "examine obligatoirement les projets de loi et d'ordonnance ainsi que les "
                    "décrets « en Conseil d'État » ; depuis 2008, le président d'une assemblée "
                    "peut aussi lui soumettre une proposition de loi. Juge administratif "
                    "suprême, il tranche en dernier ressort les litiges entre les personnes et "
                    "l'administration, y compris ceux qui portent sur le refus ou le retrait "
                    "d'une subvention.",
                    "Le Conseil constitutionnel contrôle la conformité des lois à la "
                    "Constitution, avant leur promulgation ou, depuis 2010, à l'occasion d'un "
                    "procès, par la question prioritaire de constitutionnalité (QPC). C'est "
                    "lui qui, par sa décision du 16 juillet 1971, a fait de la liberté "
                    "d'association un principe fondamental reconnu par les lois de la "
                    "République.",
                ),
                callout(
                    "Le saviez-vous ?",
                    "Depuis la loi organique du 15 avril 2009, la plupart des projets de loi "
                    "sont accompagnés d'une <b>étude d'impact</b> qui expose les options "
                    "envisagées, les conséquences économiques, sociales et environnementales "
                    "attendues et les consultations menées. C'est une source précieuse pour "
                    "comprendre l'intention du législateur, et pour y apporter la connaissance "
                    "du terrain.",
                ),
                key_points(
                    "La loi fixe les règles dans les matières de l'article 34 ; le règlement "
                    "fait le reste et précise l'application des lois.",
                    "Une loi votée n'est pleinement applicable qu'avec ses décrets d'application.",
                    "Le Conseil d'État conseille le Gouvernement et juge l'administration.",
                    "La liberté d'association a valeur constitutionnelle depuis 1971.",
                ),
            ),
        ),
        LessonSpec(
            slug="cycle-d-une-politique-publique",
            title="Le cycle d'une politique publique",
            summary="De la mise à l'agenda à l'évaluation, et la façon dont l'État arbitre.",
            estimated_minutes=30,
            body=(
                heading("Cinq étapes, rarement linéaires"),
                paragraph(
                    "Les politistes décrivent classiquement une politique publique comme un "
                    "cycle : mise à l'agenda d'un problème, formulation de solutions, décision, "
                    "mise en œuvre, puis évaluation, qui peut relancer le cycle. Ce schéma "
                    "simplifie la réalité — les étapes se chevauchent, une solution existe "
                    "parfois avant le problème, une crise peut tout accélérer — mais il aide à "
                    "savoir à qui s'adresser, et quand.",
                    "<ul><li><b>Mise à l'agenda</b> : un problème devient l'affaire des "
                    "pouvoirs publics, sous l'effet d'un rapport, d'une mobilisation, d'un "
                    "engagement électoral ou d'un événement.</li><li><b>Formulation</b> : "
                    "administrations centrales, cabinets ministériels, inspections générales "
                    "ou missions parlementaires étudient des options et en chiffrent le coût."
                    "</li><li><b>Décision</b> : arbitrage interministériel, vote du Parlement, "
                    "délibération d'une assemblée locale.</li><li><b>Mise en œuvre</b> : "
                    "services déconcentrés de l'État sous l'autorité du préfet, collectivités, "
                    "opérateurs comme France Travail ou les agences régionales de santé et, "
                    "très souvent, associations.</li><li><b>Évaluation</b> : mesurer ce que la "
                    "politique a produit, puis la poursuivre, la corriger ou l'arrêter.</li>"
                    "</ul>",
                ),
                heading("Comment l'État arbitre"),
                paragraph(
                    "Une mesure nationale est préparée par une direction d'administration "
                    "centrale — par exemple la direction de la jeunesse, de l'éducation "
                    "populaire et de la vie associative (DJEPVA) pour la vie associative. "
                    "Lorsqu'elle concerne plusieurs ministères, elle est discutée en réunions "
                    "interministérielles présidées par un conseiller du Premier ministre ; le "
                    "Secrétariat général du Gouvernement en établit le relevé de décisions, le "
                    "« bleu ». Les désaccords persistants remontent au cabinet du Premier "
                    "ministre, qui arbitre.",
                    "Ce fonctionnement explique deux réalités que les partenaires associatifs "
                    "découvrent souvent : une demande adressée à un seul ministère peut rester "
                    "en suspens faute d'arbitrage interministériel, et le calendrier budgétaire "
                    "(voir le module « Financer l'action publique ») conditionne la plupart des "
                    "mesures nouvelles.",
                ),
                callout(
                    "Exemple",
                    "Le plan « 1 jeune, 1 solution », lancé en 2020, a mobilisé plusieurs "
                    "ministères, des opérateurs publics et de nombreux réseaux associatifs. Sa "
                    "mise en œuvre a reposé en grande partie sur des conventions avec des "
                    "associations qui connaissaient les jeunes concernés et savaient les "
                    "atteindre.",
                ),
                key_points(
                    "Agenda, formulation, décision, mise en œuvre, évaluation : un repère, pas "
                    "une chronologie stricte.",
                    "Les arbitrages entre ministères se font à Matignon, en réunion "
                    "interministérielle.",
                    "Les associations interviennent à toutes les étapes, et d'abord dans la "
                    "mise en œuvre.",
                ),
            ),
        ),
        LessonSpec(
            slug="faire-entendre-la-voix-associative",
            title="Faire entendre la voix associative",
            summary="Instances de dialogue, consultations et plaidoyer : peser sur la décision.",
            estimated_minutes=25,
            body=(
                heading("Les instances de dialogue"),
                paragraph(
                    "Le Conseil économique, social et environnemental (CESE), troisième "
                    "assemblée constitutionnelle, réunit des représentants de la société "
                    "civile, dont le monde associatif ; depuis la loi organique du 15 janvier "
                    "2021, il peut être saisi par une pétition citoyenne. Dans chaque région, "
                    "un conseil économique, social et environnemental régional (CESER) joue un "
                    "rôle comparable auprès du conseil régional.",
                    "Le Haut Conseil à la vie associative (HCVA), placé auprès du Premier "
                    "ministre, rend des avis sur les textes qui concernent les associations. "
                    "Le Mouvement associatif, qui fédère une grande partie des réseaux, est "
                    "signataire de la Charte des engagements réciproques conclue en 2001 et "
                    "renouvelée en 2014 avec l'État et les associations d'élus locaux.",
                ),
                heading("Consultation, concertation et plaidoyer"),
                paragraph(
                    "Un projet de texte peut faire l'objet d'une consultation ouverte en ligne "
                    "ou d'une concertation avec les acteurs concernés. Y répondre demande "
                    "d'être précis : décrire les publics touchés, chiffrer les effets attendus, "
                    "proposer une rédaction. Une contribution argumentée et documentée est "
                    "bien plus souvent reprise qu'une position de principe.",
                    "Le plaidoyer auprès des parlementaires et des ministères est légitime et "
                    "encadré. La loi du 9 décembre 2016, dite « Sapin II », impose aux "
                    "représentants d'intérêts — associations comprises, lorsqu'elles "
                    "remplissent les critères d'activité — de s'inscrire au répertoire tenu "
                    "par la Haute Autorité pour la transparence de la vie publique (HATVP) et "
                    "de déclarer chaque année leurs actions.",
                ),
                callout(
                    "Conseil pratique",
                    "Pour chaque sujet qui vous importe, identifiez le bureau de "
                    "l'administration centrale qui en a la charge, le service de l'État "
                    "correspondant dans votre département et les élus qui suivent la question. "
                    "Un annuaire à jour vaut souvent mieux qu'une lettre au ministre.",
                ),
                key_points(
                    "CESE, CESER et HCVA sont les instances où la société civile et les "
                    "associations sont représentées.",
                    "Une contribution à une consultation pèse par sa précision : publics, "
                    "chiffres, rédaction proposée.",
                    "Le plaidoyer est encadré par le répertoire des représentants d'intérêts "
                    "de la HATVP.",
                ),
            ),
        ),
    ),
)

FINANCING = ModuleSpec(
    slug="financer-l-action-publique",
    title="Financer l'action publique : budget de l'État et finances locales",
    summary=(
        "Comment l'État et les collectivités territoriales construisent, votent et exécutent "
        "leur budget, et ce que ces calendriers impliquent pour une association qui sollicite "
        "un financement public."
    ),
    objectives=(
        "<ul><li>Lire la maquette budgétaire de l'État issue de la LOLF : missions, programmes, "
        "actions.</li><li>Situer le calendrier budgétaire de l'État et des collectivités et ses "
        "conséquences sur les financements.</li><li>Comprendre les règles d'équilibre des "
        "budgets locaux et les principales ressources des collectivités.</li></ul>"
    ),
    duration_hours=Decimal("4.0"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="budget-de-l-etat-et-lolf",
            title="Le budget de l'État et la LOLF",
            summary="La loi de finances, sa maquette par missions et programmes, sa gestion.",
            estimated_minutes=40,
            body=(
                heading("Une loi de finances par an"),
                paragraph(
                    "Le budget de l'État est voté chaque année par le Parlement dans la loi de "
                    "finances. Son cadre est fixé par la loi organique relative aux lois de "
                    "finances (LOLF) du 1er août 2001, révisée par la loi organique du 28 "
                    "décembre 2021. Le projet de loi de finances est déposé au plus tard le "
                    "premier mardi d'octobre ; le Parlement dispose de soixante-dix jours pour "
                    "se prononcer, faute de quoi le Gouvernement peut le mettre en vigueur par "
                    "ordonnance (article 47 de la Constitution).",
                    "En cours d'année, des lois de finances rectificatives peuvent modifier le "
                    "budget. Au printemps suivant, la loi relative aux résultats de la gestion "
                    "et portant approbation des comptes — l'ancienne « loi de règlement » — "
                    "arrête les résultats de l'exercice écoulé. La Cour des comptes certifie "
                    "les comptes de l'État et analyse l'exécution du budget.",
                ),
                heading("Missions, programmes, actions"),
                paragraph(
                    "La LOLF a remplacé un budget de moyens, présenté par nature de dépense, "
                    "par un budget orienté vers les résultats. Les crédits sont répartis en une "
                    "trentaine de missions, qui correspondent à de grandes politiques "
                    "publiques ; chaque mission comprend des programmes, confiés à un "
                    "responsable de programme, le plus souvent un directeur d'administration "
                    "centrale, et découpés en actions. Le programme 163 « Jeunesse et vie "
                    "associative » finance par exemple le Fonds pour le développement de la "
                    "vie associative et le service civique.",
                    "Chaque programme est assorti d'un projet annuel de performances (PAP), "
                    "qui fixe des objectifs et des indicateurs, puis d'un rapport annuel de "
                    "performances (RAP) qui rend compte des résultats. Ces documents publics "
                    "sont la meilleure porte d'entrée pour comprendre ce qu'un ministère "
                    "cherche à obtenir et comment il le mesure.",
                ),
                callout(
                    "Autorisations d'engagement et crédits de paiement",
                    "Le budget distingue les <b>autorisations d'engagement</b> (AE), plafond "
                    "des engagements juridiques que l'administration peut prendre dans "
                    "l'année — signer une convention, par exemple —, et les <b>crédits de "
                    "paiement</b> (CP), plafond des sommes effectivement versées. Une "
                    "convention pluriannuelle consomme des AE lorsqu'elle engage l'État, puis "
                    "des CP à chaque versement.",
                ),
                heading("Ce que la gestion budgétaire change pour vous", "h3"),
                paragraph(
                    "Dès le début de l'année, une partie des crédits est mise en réserve — la "
                    "« réserve de précaution » — pour faire face aux aléas ; elle n'est "
                    "libérée, ou annulée, qu'en cours d'exercice. Les décisions de financement "
                    "se concentrent donc souvent au printemps, et les versements peuvent être "
                    "tardifs. À l'intérieur d'un programme, le responsable peut redéployer les "
                    "crédits entre actions, mais les crédits de personnel ne peuvent pas être "
                    "abondés par d'autres crédits : c'est la fongibilité dite asymétrique.",
                ),
                key_points(
                    "La loi de finances est annuelle : déposée début octobre, votée avant le 31 "
                    "décembre.",
                    "Le programme est l'unité de gestion, avec un responsable identifié.",
                    "PAP et RAP disent ce que l'État cherche à obtenir et comment il le mesure.",
                    "La réserve de précaution et la distinction AE/CP expliquent bien des "
                    "retards de versement.",
                ),
            ),
        ),
        LessonSpec(
            slug="finances-des-collectivites-territoriales",
            title="Les finances des collectivités territoriales",
            summary="Calendrier, sections, règle d'or, ressources et contrôle des budgets locaux.",
            estimated_minutes=35,
            body=(
                heading("Libre administration et autonomie financière"),
                paragraph(
                    "Communes, départements et régions s'administrent librement par des "
                    "conseils élus (article 72 de la Constitution) et disposent de ressources "
                    "dont elles peuvent fixer une partie du montant (article 72-2). Leur "
                    "budget est voté chaque année par l'assemblée délibérante — conseil "
                    "municipal, départemental, régional ou communautaire pour les "
                    "intercommunalités —, en principe avant le 15 avril, ou le 30 avril "
                    "l'année du renouvellement des conseils.",
                    "Dans les communes de 3 500 habitants et plus, les départements et les "
                    "régions, le vote est précédé, dans les deux mois, d'un débat d'orientation "
                    "budgétaire sur la base d'un rapport présentant les grandes orientations. "
                    "C'est le bon moment pour faire connaître un projet : une fois le budget "
                    "primitif voté, les marges se réduisent jusqu'aux décisions modificatives.",
                ),
                heading("Un budget en deux sections, toujours équilibré"),
                paragraph(
                    "Le budget local comprend une section de fonctionnement (personnel, "
                    "subventions de fonctionnement, intérêts de la dette…) et une section "
                    "d'investissement (équipements, remboursement du capital de la dette, "
                    "subventions d'équipement). La « règle d'or » impose un budget voté en "
                    "équilibre réel : l'emprunt ne finance que l'investissement, et le "
                    "remboursement de la dette doit être couvert par des ressources propres. "
                    "Contrairement à l'État, une collectivité ne peut donc pas emprunter pour "
                    "payer ses dépenses courantes.",
                    "Les ressources proviennent de la fiscalité locale (taxes foncières, "
                    "cotisation foncière des entreprises…), de fractions d'impôts nationaux "
                    "comme la TVA, attribuées notamment pour compenser la suppression de la "
                    "taxe d'habitation sur les résidences principales, des dotations de "
                    "l'État, au premier rang desquelles la dotation globale de fonctionnement "
                    "(DGF), des recettes des services et de l'emprunt.",
                ),
                callout(
                    "Contrôle",
                    "Le préfet exerce un <b>contrôle de légalité</b> sur les actes des "
                    "collectivités et un <b>contrôle budgétaire</b> : si le budget est voté en "
                    "retard ou en déséquilibre, il saisit la chambre régionale des comptes, "
                    "qui propose les mesures de redressement. Les chambres régionales des "
                    "comptes examinent aussi la gestion des collectivités et des organismes "
                    "qu'elles financent, associations comprises.",
                ),
                key_points(
                    "Les collectivités votent leur budget au printemps, après un débat "
                    "d'orientation budgétaire.",
                    "Fonctionnement et investissement sont deux sections distinctes ; "
                    "l'emprunt ne finance que l'investissement.",
                    "Fiscalité locale, fractions d'impôts nationaux, dotations de l'État et "
                    "emprunt sont les principales ressources.",
                    "Le préfet et la chambre régionale des comptes contrôlent les budgets locaux.",
                ),
            ),
        ),
    ),
)

EVALUATION = ModuleSpec(
    slug="evaluer-une-politique-publique",
    title="Évaluer une politique publique",
    summary=(
        "Pourquoi et comment l'action publique est évaluée, par qui, et ce que les contrôles "
        "de la Cour des comptes et des chambres régionales signifient pour les associations "
        "financées sur fonds publics."
    ),
    objectives=(
        "<ul><li>Distinguer contrôle, audit et évaluation.</li><li>Connaître les critères et "
        "les grandes familles de méthodes d'évaluation.</li><li>Comprendre les missions de la "
        "Cour des comptes et se préparer à un contrôle.</li></ul>"
    ),
    duration_hours=Decimal("3.5"),
    target_audience=TARGET_AUDIENCE,
    prerequisites=(DECISION_CYCLE.slug,),
    lessons=(
        LessonSpec(
            slug="pourquoi-et-comment-evaluer",
            title="Pourquoi et comment évaluer",
            summary="Acteurs, critères et méthodes de l'évaluation des politiques publiques.",
            estimated_minutes=35,
            body=(
                heading("Contrôler n'est pas évaluer"),
                paragraph(
                    "Le contrôle vérifie qu'une action respecte les règles ; l'audit examine la "
                    "qualité d'une organisation ou d'un processus ; l'évaluation cherche à "
                    "savoir si une politique a produit les effets attendus, pour qui et à quel "
                    "coût. Depuis la révision constitutionnelle du 23 juillet 2008, l'article "
                    "24 de la Constitution confie au Parlement l'évaluation des politiques "
                    "publiques, et l'article 47-2 charge la Cour des comptes d'assister le "
                    "Parlement et le Gouvernement dans cette tâche.",
                    "D'autres acteurs évaluent : les inspections générales (des finances, des "
                    "affaires sociales, de l'administration…), France Stratégie, les services "
                    "statistiques des ministères comme la DARES, la DREES ou l'INJEP, des "
                    "laboratoires universitaires et des cabinets spécialisés. Les collectivités "
                    "évaluent aussi leurs propres politiques.",
                ),
                heading("Les questions de l'évaluateur"),
                paragraph(
                    "<p>Une évaluation examine généralement plusieurs critères :</p>"
                    "<ul><li><b>pertinence</b> : les objectifs répondent-ils au problème ?</li>"
                    "<li><b>cohérence</b> : la politique s'articule-t-elle avec les autres "
                    "dispositifs ?</li><li><b>efficacité</b> : les résultats atteignent-ils "
                    "les objectifs ?</li><li><b>efficience</b> : sont-ils obtenus à un coût "
                    "raisonnable ?</li><li><b>impact</b> : quels effets, attendus ou non, sur "
                    "les personnes et les territoires ?</li></ul>",
                    "L'évaluation peut intervenir avant la décision (ex ante, comme l'étude "
                    "d'impact d'un projet de loi), pendant la mise en œuvre (in itinere) ou "
                    "après (ex post). Les méthodes vont des enquêtes qualitatives auprès des "
                    "bénéficiaires aux méthodes dites contrefactuelles, qui comparent un "
                    "groupe bénéficiaire à un groupe témoin pour isoler l'effet propre d'un "
                    "dispositif ; l'expérimentation avec tirage au sort en est la forme la "
                    "plus exigeante.",
                ),
                callout(
                    "Théorie du changement",
                    "Avant de mesurer, l'évaluateur reconstitue la <b>théorie du "
                    "changement</b> de la politique : la chaîne de causes et d'effets par "
                    "laquelle les moyens engagés sont censés produire les résultats attendus. "
                    "Une association qui sait formuler la sienne facilite beaucoup le dialogue "
                    "avec ses financeurs publics ; c'est l'objet du module miroir « Mesurer "
                    "l'impact social ».",
                ),
                key_points(
                    "Le contrôle vérifie la régularité ; l'évaluation juge les effets.",
                    "Pertinence, cohérence, efficacité, efficience et impact sont les critères "
                    "usuels.",
                    "L'évaluation peut être ex ante, in itinere ou ex post.",
                    "Les méthodes contrefactuelles isolent l'effet propre d'une politique.",
                ),
            ),
        ),
        LessonSpec(
            slug="cour-des-comptes-et-controle",
            title="La Cour des comptes et le contrôle de la dépense publique",
            summary="Les juridictions financières, et ce qu'un contrôle signifie pour vous.",
            estimated_minutes=30,
            body=(
                heading("Une juridiction indépendante"),
                paragraph(
                    "La Cour des comptes, dont les magistrats sont inamovibles, se situe à "
                    "égale distance du Parlement et du Gouvernement. Elle vérifie le bon emploi "
                    "de l'argent public, certifie les comptes de l'État et du régime général de "
                    "la sécurité sociale et publie chaque année un rapport public très suivi. "
                    "Les chambres régionales et territoriales des comptes exercent les mêmes "
                    "missions auprès des collectivités territoriales et de leurs "
                    "établissements.",
                    "Depuis le 1er janvier 2023, le régime de responsabilité des gestionnaires "
                    "publics issu de l'ordonnance du 23 mars 2022 permet à la chambre du "
                    "contentieux de la Cour de sanctionner les fautes graves de gestion ayant "
                    "causé un préjudice financier significatif. Il a remplacé la Cour de "
                    "discipline budgétaire et financière et la responsabilité personnelle et "
                    "pécuniaire des comptables publics.",
                ),
                heading("Et les associations ?"),
                paragraph(
                    "Les juridictions financières peuvent contrôler les organismes qui "
                    "reçoivent des concours financiers publics, quelle que soit leur forme "
                    "juridique, ainsi que ceux qui font appel à la générosité du public. Le "
                    "contrôle porte alors sur l'emploi des fonds reçus : correspondent-ils à "
                    "l'objet de la subvention ? Les comptes sont-ils sincères ? Les dépenses "
                    "sont-elles justifiées ?",
                    "La meilleure préparation est une gestion lisible au quotidien : une "
                    "comptabilité analytique qui rattache les dépenses aux projets financés, "
                    "des comptes rendus financiers remis dans les délais, des décisions du "
                    "conseil d'administration consignées dans des procès-verbaux.",
                ),
                callout(
                    "Attention : la gestion de fait",
                    "Une association qui manie des fonds publics pour le compte d'une "
                    "collectivité, sans titre pour le faire, s'expose à être déclarée "
                    "« comptable de fait ». C'est le risque des associations dites "
                    "« transparentes », créées ou utilisées pour gérer à la place d'une "
                    "collectivité des dépenses qui relèvent d'elle. Une gouvernance réellement "
                    "indépendante et un projet associatif propre protègent contre ce risque.",
                ),
                key_points(
                    "La Cour des comptes certifie les comptes de l'État et assiste le Parlement "
                    "et le Gouvernement.",
                    "Les chambres régionales des comptes contrôlent les collectivités et les "
                    "organismes qu'elles financent.",
                    "Une association financée sur fonds publics peut être contrôlée sur "
                    "l'emploi de ces fonds.",
                    "Comptabilité analytique et comptes rendus financiers à jour sont la "
                    "meilleure préparation.",
                ),
            ),
        ),
    ),
)

TERRITORIES = ModuleSpec(
    slug="action-publique-territoriale",
    title="L'action publique territoriale",
    summary=(
        "Qui fait quoi entre l'État local, les régions, les départements, les "
        "intercommunalités et les communes, et comment construire un partenariat durable "
        "avec chacun."
    ),
    objectives=(
        "<ul><li>Retracer les grandes étapes de la décentralisation et la répartition actuelle "
        "des compétences.</li><li>Identifier les interlocuteurs de l'État dans le département "
        "et la région.</li><li>Repérer les contrats territoriaux dans lesquels une association "
        "peut inscrire son action.</li></ul>"
    ),
    duration_hours=Decimal("3.0"),
    target_audience=TARGET_AUDIENCE,
    lessons=(
        LessonSpec(
            slug="decentralisation-et-competences",
            title="Décentralisation et compétences des collectivités",
            summary="Quarante ans de décentralisation et la répartition des compétences.",
            estimated_minutes=35,
            body=(
                heading("Quarante ans de décentralisation"),
                paragraph(
                    "Les lois Defferre de 1982 et 1983 ont confié l'exécutif des départements "
                    "et des régions à des présidents élus et remplacé la tutelle de l'État par "
                    "un contrôle de légalité a posteriori. La révision constitutionnelle du 28 "
                    "mars 2003 a inscrit dans la Constitution que l'organisation de la "
                    "République est décentralisée. La loi MAPTAM du 27 janvier 2014 a créé les "
                    "métropoles et les collectivités « chefs de file », la loi NOTRe du 7 août "
                    "2015 a supprimé la clause de compétence générale des départements et des "
                    "régions, et la loi 3DS du 21 février 2022 a poursuivi la différenciation "
                    "et la déconcentration.",
                    "Chaque transfert de compétences s'accompagne, selon l'article 72-2 de la "
                    "Constitution, de l'attribution de ressources équivalentes à celles que "
                    "l'État y consacrait. Les collectivités réalisent aujourd'hui la plus grande "
                    "part de l'investissement public et emploient environ un tiers des agents "
                    "publics, au sein de la fonction publique territoriale.",
                ),
                heading("Qui fait quoi ?"),
                paragraph(
                    "<ul><li><b>Communes</b> : compétence générale pour les affaires "
                    "d'intérêt communal — écoles, action sociale de proximité par le centre "
                    "communal d'action sociale, équipements culturels et sportifs, "
                    "urbanisme.</li><li><b>Intercommunalités</b> (communautés de communes, "
                    "d'agglomération, urbaines, métropoles) : développement économique local, "
                    "aménagement, habitat, politique de la ville, déchets.</li>"
                    "<li><b>Départements</b> : chefs de file de l'action sociale — aide "
                    "sociale à l'enfance, revenu de solidarité active, autonomie des personnes "
                    "âgées et handicapées —, collèges, routes départementales.</li>"
                    "<li><b>Régions</b> : développement économique, y compris le soutien à "
                    "l'ESS, formation professionnelle, lycées, transports régionaux, gestion "
                    "d'une partie des fonds européens.</li></ul>",
                    "Cette répartition a une conséquence pratique : un projet d'insertion de "
                    "jeunes peut relever à la fois de la région (formation), du département "
                    "(RSA, aide sociale à l'enfance), de l'intercommunalité (politique de la "
                    "ville) et de l'État (emploi). Un tour de table réunissant ces financeurs "
                    "vaut souvent mieux qu'une série de demandes séparées.",
                ),
                callout(
                    "Le droit à l'expérimentation locale",
                    "Depuis 2003, les collectivités peuvent, dans les conditions fixées par une "
                    "loi organique, déroger à titre expérimental à des dispositions "
                    "législatives ou réglementaires (article 72 de la Constitution). La loi "
                    "organique du 19 avril 2021 a simplifié ces expérimentations et permet, à "
                    "leur terme, de maintenir les mesures dans les seules collectivités qui les "
                    "ont conduites.",
                ),
                key_points(
                    "Les lois de 1982, 2003, 2014, 2015 et 2022 ont façonné la décentralisation "
                    "actuelle.",
                    "Départements : action sociale ; régions : économie et formation ; "
                    "intercommunalités : aménagement et politique de la ville ; communes : "
                    "proximité.",
                    "Un même projet relève souvent de plusieurs collectivités : réunissez-les "
                    "autour d'une table.",
                ),
            ),
        ),
        LessonSpec(
            slug="l-etat-dans-les-territoires",
            title="L'État dans les territoires",
            summary="Préfets, services déconcentrés et contrats entre l'État et les collectivités.",
            estimated_minutes=30,
            body=(
                heading("Le préfet et les services déconcentrés"),
                paragraph(
                    "Dans chaque département et chaque région, le préfet représente l'État et "
                    "chacun des membres du Gouvernement. Il dirige les services déconcentrés : "
                    "directions départementales interministérielles, comme les directions "
                    "départementales de l'emploi, du travail et des solidarités (DDETS), qui "
                    "instruisent notamment l'agrément « entreprise solidaire d'utilité "
                    "sociale », et, au niveau régional, les directions régionales de "
                    "l'économie, de l'emploi, du travail et des solidarités (DREETS).",
                    "Pour la vie associative, l'interlocuteur de proximité est le service "
                    "départemental à la jeunesse, à l'engagement et aux sports (SDJES), "
                    "rattaché à l'éducation nationale. Il instruit les demandes du Fonds pour "
                    "le développement de la vie associative (FDVA), qui finance la formation "
                    "des bénévoles ainsi que le fonctionnement et les projets innovants des "
                    "associations, et accompagne le développement du service civique. Dans les "
                    "quartiers prioritaires, les délégués du préfet relaient la politique de "
                    "la ville.",
                ),
                heading("Contractualiser entre l'État et les collectivités"),
                paragraph(
                    "Les grandes politiques territoriales se négocient par contrat. Les "
                    "contrats de plan État-région (CPER) programment sur plusieurs années des "
                    "investissements partagés. Les contrats de ville, signés pour les "
                    "quartiers prioritaires de la politique de la ville, associent l'État, les "
                    "intercommunalités, les communes, les bailleurs sociaux et les "
                    "associations ; la génération « Engagements Quartiers 2030 » couvre la "
                    "période 2024-2030. D'autres programmes visent la revitalisation des "
                    "centres-villes, comme « Action cœur de ville » et « Petites villes de "
                    "demain ».",
                    "Connaître ces contrats permet d'inscrire une action associative dans une "
                    "programmation existante, avec des crédits identifiés, plutôt que de "
                    "solliciter un financement isolé.",
                ),
                callout(
                    "Conseil pratique",
                    "Le <b>délégué départemental à la vie associative</b>, au sein des "
                    "services de l'État, et les <b>points d'appui à la vie associative</b>, "
                    "souvent labellisés « Guid'Asso », orientent les associations vers les "
                    "bons interlocuteurs et dispositifs.",
                ),
                key_points(
                    "Le préfet représente l'État et dirige ses services dans le département et "
                    "la région.",
                    "Le SDJES est l'interlocuteur de proximité de la vie associative et "
                    "instruit le FDVA.",
                    "CPER, contrats de ville et programmes territoriaux sont des cadres où "
                    "inscrire un projet associatif.",
                ),
            ),
        ),
    ),
)

PUBLIC_INNOVATION = ModuleSpec(
    slug="innovation-publique",
    title="Innovation publique et transformation de l'action publique",
    summary=(
        "Laboratoires d'innovation, design des politiques publiques, droit à "
        "l'expérimentation : comment l'administration innove, et comment une innovation "
        "associative peut devenir une politique publique."
    ),
    objectives=(
        "<ul><li>Connaître les acteurs et les méthodes de l'innovation publique en France."
        "</li><li>Comprendre le cadre juridique de l'expérimentation.</li><li>Analyser le "
        "passage d'une expérimentation locale à une politique nationale.</li></ul>"
    ),
    duration_hours=Decimal("3.0"),
    target_audience=TARGET_AUDIENCE,
    prerequisites=(EVALUATION.slug,),
    lessons=(
        LessonSpec(
            slug="innover-dans-l-administration",
            title="Innover dans l'administration",
            summary="Pourquoi et comment l'administration innove, et ce que cela vous ouvre.",
            estimated_minutes=30,
            body=(
                heading("Pourquoi l'administration innove"),
                paragraph(
                    "Comme le rappelle l'OCDE dans ses travaux de 2021 sur la confiance dans "
                    "les institutions publiques, l'innovation dans les administrations ne sert "
                    "pas seulement l'efficacité des politiques publiques : des services qui "
                    "répondent mieux aux besoins renforcent aussi la confiance des citoyens "
                    "envers l'État. C'est l'une des raisons d'être du programme « La fonction "
                    "publique s'engage ».",
                    "La direction interministérielle de la transformation publique (DITP), "
                    "créée en 2017, accompagne les administrations dans la simplification et "
                    "l'amélioration de leurs services, notamment par le design et les sciences "
                    "comportementales. Le programme beta.gouv.fr, porté par la direction "
                    "interministérielle du numérique (DINUM), développe des « startups "
                    "d'État » : de petites équipes autonomes qui construisent un service "
                    "numérique à partir d'un problème rencontré par les usagers, en commençant "
                    "petit et en mesurant l'usage. Plusieurs régions et préfectures disposent "
                    "aussi de laboratoires d'innovation territoriale.",
                ),
                heading("Une relation de confiance"),
                paragraph(
                    "La loi du 10 août 2018 pour un État au service d'une société de confiance "
                    "(dite « ESSOC ») a consacré un droit à l'erreur : une personne qui "
                    "méconnaît pour la première fois une règle, de bonne foi, ne peut être "
                    "sanctionnée si elle régularise sa situation. Le rescrit permet par "
                    "ailleurs d'obtenir une prise de position formelle de l'administration sur "
                    "une situation précise ; le rescrit « mécénat » indique ainsi à une "
                    "association si elle peut délivrer des reçus fiscaux à ses donateurs.",
                ),
                callout(
                    "À explorer",
                    "La démarche « Services Publics + » publie, service par service, des "
                    "engagements de qualité et des résultats de satisfaction des usagers. Elle "
                    "illustre une culture qui progresse : rendre compte de la qualité du "
                    "service rendu, et pas seulement des moyens engagés.",
                ),
                key_points(
                    "L'innovation publique vise à la fois l'efficacité et la confiance des "
                    "citoyens.",
                    "DITP, beta.gouv.fr et laboratoires territoriaux sont les principaux "
                    "relais de l'innovation publique.",
                    "Le droit à l'erreur et le rescrit sécurisent la relation avec "
                    "l'administration.",
                ),
            ),
        ),
        LessonSpec(
            slug="experimenter-puis-generaliser",
            title="Expérimenter, puis généraliser",
            summary="Le cadre de l'expérimentation, illustré par Territoires zéro chômeur.",
            estimated_minutes=35,
            body=(
                heading("Le cadre de l'expérimentation"),
                paragraph(
                    "L'article 37-1 de la Constitution, introduit en 2003, permet à la loi et "
                    "au règlement de comporter, pour un objet et une durée limités, des "
                    "dispositions à caractère expérimental. Une expérimentation bien conçue "
                    "précise son objectif, son périmètre, sa durée et ses modalités "
                    "d'évaluation ; à son terme, le législateur décide de l'abandonner, de la "
                    "prolonger ou de la généraliser.",
                ),
                heading("Un exemple : Territoires zéro chômeur de longue durée"),
                paragraph(
                    "Née d'une initiative associative portée notamment par ATD Quart Monde, "
                    "l'expérimentation « Territoires zéro chômeur de longue durée » part d'un "
                    "constat : il vaut mieux financer des emplois utiles que supporter le coût "
                    "de la privation durable d'emploi. La loi du 29 février 2016 l'a ouverte "
                    "dans dix territoires, où des entreprises à but d'emploi embauchent en CDI "
                    "des personnes privées durablement d'emploi, pour des activités utiles au "
                    "territoire et non concurrentes de l'existant. La loi du 14 décembre 2020 "
                    "l'a prolongée pour cinq ans et étendue à de nouveaux territoires.",
                    "Ce cas illustre le chemin d'une innovation sociale vers une politique "
                    "publique : une idée testée localement par des acteurs associatifs, un "
                    "portage politique, une loi d'expérimentation, un fonds dédié, des "
                    "évaluations — dont certaines ont nuancé les résultats et discuté le coût "
                    "par emploi — et un débat public sur la généralisation. L'évaluation fait "
                    "partie de l'expérimentation ; elle ne vient pas après.",
                ),
                callout(
                    "Pour le binôme",
                    "Choisissez avec votre binôme une initiative portée par votre "
                    "association. Identifiez ce qu'il faudrait changer dans le droit ou dans "
                    "les financements pour qu'elle puisse être reproduite ailleurs, et quel "
                    "type d'évaluation convaincrait un décideur public.",
                ),
                key_points(
                    "L'article 37-1 de la Constitution autorise des expérimentations limitées "
                    "dans leur objet et leur durée.",
                    "Une expérimentation se conçoit avec son évaluation.",
                    "Territoires zéro chômeur de longue durée montre le chemin d'une "
                    "innovation associative vers la loi.",
                ),
            ),
        ),
    ),
)

COOPERATION = ModuleSpec(
    slug="cooperer-avec-l-administration",
    title="Coopérer avec l'administration : subventions, conventions et commande publique",
    summary=(
        "Subvention ou marché public, convention pluriannuelle d'objectifs, compte rendu "
        "financier, contrat d'engagement républicain : les règles qui encadrent les relations "
        "financières entre une association et une personne publique."
    ),
    objectives=(
        "<ul><li>Qualifier juridiquement une relation financière : subvention ou commande "
        "publique.</li><li>Préparer une demande de subvention et une convention pluriannuelle "
        "d'objectifs.</li><li>Connaître les obligations qui accompagnent un financement "
        "public.</li><li>Répondre à un marché public, y compris réservé ou assorti d'une "
        "clause sociale.</li></ul>"
    ),
    duration_hours=Decimal("4.5"),
    target_audience=TARGET_AUDIENCE,
    prerequisites=(FINANCING.slug,),
    lessons=(
        LessonSpec(
            slug="subvention-ou-marche-public",
            title="Subvention ou marché public : bien qualifier la relation",
            summary="La définition légale de la subvention et le critère de l'initiative.",
            estimated_minutes=35,
            body=(
                heading("Une définition légale de la subvention"),
                paragraph(
                    "Depuis la loi du 31 juillet 2014 relative à l'économie sociale et "
                    "solidaire, la subvention est définie par l'article 9-1 de la loi du 12 "
                    "avril 2000 : ce sont des contributions facultatives de toute nature, "
                    "décidées par les autorités administratives, justifiées par un motif "
                    "d'intérêt général et destinées à la réalisation d'une action ou d'un "
                    "projet d'investissement, au développement d'activités ou au financement "
                    "global de l'activité de l'organisme bénéficiaire. Ces actions sont "
                    "« initiées, définies et mises en œuvre » par le bénéficiaire, et la "
                    "subvention ne peut constituer la rémunération de prestations "
                    "individualisées répondant aux besoins de la personne publique.",
                    "Le critère décisif est donc l'initiative. Si le projet vient de "
                    "l'association et que la personne publique choisit de le soutenir, c'est "
                    "une subvention. Si la personne publique définit un besoin et rémunère un "
                    "prestataire pour y répondre, c'est un marché public, soumis au code de la "
                    "commande publique en vigueur depuis le 1er avril 2019 : publicité, mise en "
                    "concurrence, égalité de traitement des candidats.",
                ),
                heading("Les risques d'une mauvaise qualification", "h3"),
                paragraph(
                    "Une subvention qui rémunère en réalité une prestation commandée peut être "
                    "requalifiée en marché public conclu sans mise en concurrence : le contrat "
                    "encourt l'annulation, et les décideurs publics le délit de favoritisme. À "
                    "l'inverse, une association qui répond à un marché perd la maîtrise de son "
                    "projet : elle exécute un cahier des charges défini par l'acheteur.",
                ),
                callout(
                    "Dans la pratique",
                    "Un appel à projets n'est pas un marché public : la personne publique y "
                    "fixe un cadre et des priorités, mais ce sont les associations qui "
                    "proposent leurs projets. Il devient une commande déguisée lorsqu'il décrit "
                    "précisément la prestation attendue et son prix.",
                ),
                key_points(
                    "La subvention soutient un projet initié par l'association ; le marché "
                    "rémunère une réponse au besoin de l'administration.",
                    "La définition légale de la subvention figure à l'article 9-1 de la loi du "
                    "12 avril 2000.",
                    "Une mauvaise qualification expose à l'annulation et au délit de favoritisme.",
                ),
            ),
        ),
        LessonSpec(
            slug="convention-et-obligations",
            title="Convention pluriannuelle d'objectifs et obligations du bénéficiaire",
            summary="Demander, conventionner, rendre compte, et s'engager sur les principes.",
            estimated_minutes=35,
            body=(
                heading("Demander et conventionner"),
                paragraph(
                    "La demande de subvention se fait sur le formulaire commun (Cerfa "
                    "n° 12156), de plus en plus souvent en ligne par le « Compte Asso ». "
                    "Au-delà de 23 000 euros par an, une convention est obligatoire : elle "
                    "précise l'objet, le montant, les conditions d'utilisation et les "
                    "modalités de contrôle de la subvention (article 10 de la loi du 12 avril "
                    "2000).",
                    "La circulaire du Premier ministre du 29 septembre 2015 relative aux "
                    "nouvelles relations entre les pouvoirs publics et les associations "
                    "encourage la convention pluriannuelle d'objectifs (CPO), conclue pour une "
                    "durée pouvant aller jusqu'à quatre ans. Elle donne de la visibilité à "
                    "l'association et permet de financer son fonctionnement, et pas seulement "
                    "des projets ponctuels ; les montants restent soumis au vote annuel des "
                    "crédits.",
                ),
                heading("Rendre compte"),
                paragraph(
                    "Toute association subventionnée fournit un compte rendu financier (Cerfa "
                    "n° 15059) attestant de la conformité des dépenses à l'objet de la "
                    "subvention, dans les six mois qui suivent la fin de l'exercice pour lequel "
                    "elle a été attribuée. Celle qui reçoit plus de 153 000 euros de "
                    "subventions publiques par an doit nommer un commissaire aux comptes et "
                    "publier ses comptes annuels sur le site du <i>Journal officiel</i>.",
                    "Depuis la loi du 24 août 2021 confortant le respect des principes de la "
                    "République, toute association qui sollicite une subvention souscrit un "
                    "contrat d'engagement républicain : respect des lois de la République, de "
                    "la liberté de conscience, de l'égalité et de la dignité de la personne, "
                    "refus de la violence. Un manquement peut entraîner le retrait de la "
                    "subvention et la restitution des sommes versées après ce manquement.",
                ),
                callout(
                    "La Charte des engagements réciproques",
                    "Signée en 2001 et renouvelée en 2014 par l'État, les associations d'élus "
                    "locaux et le Mouvement associatif, la charte pose des principes partagés : "
                    "reconnaissance de la capacité d'initiative des associations, respect de "
                    "leur indépendance, stabilité des financements et évaluation partagée.",
                ),
                key_points(
                    "Formulaire commun et Compte Asso pour demander ; convention obligatoire "
                    "au-delà de 23 000 euros par an.",
                    "La CPO, jusqu'à quatre ans, donne de la visibilité et peut financer le "
                    "fonctionnement.",
                    "Compte rendu financier dans les six mois ; commissaire aux comptes "
                    "au-delà de 153 000 euros de subventions publiques.",
                    "Le contrat d'engagement républicain conditionne l'accès aux subventions.",
                ),
            ),
        ),
        LessonSpec(
            slug="repondre-a-un-marche-public",
            title="Répondre à un marché public",
            summary="Lire une consultation, et les marchés ouverts à l'ESS et à l'insertion.",
            estimated_minutes=30,
            body=(
                heading("Lire une consultation"),
                paragraph(
                    "Une consultation comprend un règlement de la consultation, qui fixe les "
                    "règles du jeu et les critères de choix, un cahier des clauses "
                    "administratives particulières (CCAP) et un cahier des clauses techniques "
                    "particulières (CCTP), qui décrit le besoin. Les avis sont publiés sur le "
                    "profil d'acheteur et, au-delà de certains seuils, au Bulletin officiel des "
                    "annonces des marchés publics et au Journal officiel de l'Union "
                    "européenne. En dessous d'un seuil fixé par décret, l'acheteur peut "
                    "conclure un marché sans publicité ni mise en concurrence préalables, en "
                    "veillant au bon usage des deniers publics.",
                ),
                heading("Des marchés ouverts à l'économie sociale et solidaire"),
                paragraph(
                    "Le code de la commande publique offre plusieurs leviers aux acheteurs qui "
                    "veulent soutenir l'inclusion : des clauses sociales qui réservent une part "
                    "des heures de travail à des personnes éloignées de l'emploi ; des marchés "
                    "réservés aux structures de l'insertion par l'activité économique, aux "
                    "entreprises adaptées et aux établissements et services d'accompagnement "
                    "par le travail ; des marchés de certains services sociaux, culturels et de "
                    "santé réservés, pour trois ans au plus, aux entreprises de l'ESS.",
                    "Les grands acheteurs publics doivent adopter un schéma de promotion des "
                    "achats publics socialement et écologiquement responsables (SPASER), et la "
                    "loi Climat et résilience du 22 août 2021 généralise progressivement la "
                    "prise en compte de considérations sociales et environnementales dans les "
                    "marchés. Répondre avec d'autres structures, en groupement, permet à une "
                    "association d'atteindre la taille critique.",
                ),
                callout(
                    "Attention",
                    "Répondre à un marché engage : le prix proposé doit couvrir les coûts "
                    "réels, y compris les frais de structure. Un marché obtenu à perte "
                    "fragilise durablement une association ; les hauts fonctionnaires du "
                    "parcours « ESS et innovation sociale » étudient ces effets dans le module "
                    "sur les modèles économiques de l'ESS.",
                ),
                key_points(
                    "Règlement de la consultation, CCAP et CCTP : trois documents à lire avant "
                    "de répondre.",
                    "Clauses sociales et marchés réservés ouvrent la commande publique aux "
                    "structures d'insertion et de l'ESS.",
                    "Un prix qui ne couvre pas les coûts réels fragilise l'association.",
                ),
            ),
        ),
    ),
)

PUBLIC_POLICY_CURRICULUM = CurriculumSpec(
    slug="politiques-publiques-et-service-public",
    title="Politiques publiques et service public",
    audience=Audience.ASSOCIATION_LEADERS,
    introduction=(
        "<p>Ce parcours s'adresse aux dirigeantes et dirigeants d'associations lauréates de La "
        "France s'engage. Il ouvre la « boîte noire » de l'action publique : comment l'État et "
        "les collectivités territoriales décident, financent, contractualisent et évaluent, "
        "avec quelles contraintes juridiques et selon quels calendriers.</p>"
        "<p>Chaque module répond à un module du parcours « ESS et innovation sociale » suivi "
        "par les hauts fonctionnaires de l'INSP : les promotions mêlent les deux publics, qui "
        "travaillent en binômes sur des projets concrets.</p>"
    ),
    learning_outcomes=(
        "<p>À l'issue du parcours, vous saurez :</p><ul>"
        "<li>identifier qui décide quoi, à quel échelon et à quel moment du cycle d'une "
        "politique publique ;</li>"
        "<li>lire un budget public et anticiper le calendrier budgétaire de vos financeurs ;"
        "</li>"
        "<li>choisir le bon cadre pour travailler avec une administration : subvention, "
        "convention pluriannuelle ou marché public ;</li>"
        "<li>situer votre projet dans une démarche d'évaluation et dialoguer avec les corps "
        "de contrôle ;</li>"
        "<li>proposer une expérimentation ou une innovation à un partenaire public.</li></ul>"
    ),
    modules=(DECISION_CYCLE, FINANCING, EVALUATION, TERRITORIES, PUBLIC_INNOVATION, COOPERATION),
)
