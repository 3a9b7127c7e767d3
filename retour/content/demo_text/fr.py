"""Textes d'EXEMPLE en français (traduction de en.py, même structure)."""

SAMPLE = "Contenu d'exemple pour la démonstration : pas une information réelle."

COUNTRY_NAMES = {"AF": "Afghanistan", "IQ": "Irak", "GE": "Géorgie"}
AND = " et "

QUESTIONS = [
    "Puis-je obtenir de l'aide pour rentrer chez moi ?",
    "Qui paie le billet de retour ?",
    "Y a-t-il de l'argent pour recommencer après le retour ?",
    "Puis-je encore faire appel de ma décision ?",
    "Que se passe-t-il si je ne pars pas ?",
    "Puis-je parler à quelqu'un de façon anonyme ?",
    "Ai-je besoin d'un rendez-vous pour le conseil ?",
    "Ma famille peut-elle rentrer avec moi ?",
    "Et si je suis malade et que j'ai besoin d'un traitement ?",
    "Comment obtenir de nouveaux documents d'identité ?",
    "Combien de temps faut-il pour organiser un retour ?",
    "Puis-je changer d'avis après avoir fait la demande ?",
    "Le conseil est-il gratuit ?",
    "Les autorités de mon pays seront-elles informées ?",
    "Puis-je emporter mes affaires ?",
    "Quel soutien existe pour les enfants ?",
    "Puis-je faire la demande si ma procédure d'asile est encore en cours ?",
    "Où puis-je obtenir un conseil juridique ?",
    "Existe-t-il un soutien pour les victimes de la traite des êtres humains ?",
    "Puis-je recevoir de l'aide pour trouver du travail après le retour ?",
    "Puis-je recevoir de l'aide pour un logement après le retour ?",
    "Comment prouver ma nationalité ?",
    "Et si mon passeport est expiré ?",
    "Quelqu'un peut-il m'accueillir à l'aéroport ?",
    "Puis-je retourner dans un pays qui n'est pas le mien ?",
    "Des interprètes sont-ils disponibles ?",
    "Que contient un plan de réintégration ?",
    "Qui vérifie que ces informations sont correctes ?",
    "Comment porter plainte au sujet d'un service ?",
    "Où puis-je dormir ce soir ?",
]

ANSWERS = [
    "En général, oui. Les programmes de retour assisté peuvent organiser et payer le voyage, "
    "vous aider à obtenir des documents de voyage et parfois vous soutenir après l'arrivée. "
    "La première étape est un entretien avec un conseiller en retour dans un point d'accueil : "
    "il vérifie quel programme correspond à votre nationalité et à votre situation. Demander "
    "des informations ne vous oblige pas à partir.",
    "Si vous rentrez avec un programme de retour assisté, c'est normalement le programme qui "
    "réserve et paie le vol ainsi que le trajet jusqu'à l'aéroport ; vous ne le payez pas "
    "vous-même. Si vous voyagez seul, c'est à vos frais. Votre conseiller vous confirme ce que "
    "couvre votre programme avant que vous décidiez.",
    "Certains programmes versent une petite somme au départ ou après l'arrivée, et beaucoup "
    "proposent une aide à la réintégration en nature : formation, matériel pour lancer une "
    "petite activité, aide au loyer ou aux frais médicaux. Ce que vous pouvez recevoir dépend "
    "du programme, de votre nationalité et de votre situation, et cela change avec le temps. "
    "Les montants de cette démonstration sont des montants d'exemple. Demandez à un conseiller "
    "ce qui s'applique à vous.",
    "Cela dépend de la décision. La lettre indique si un recours est possible et dans quel "
    "délai. Les délais peuvent être courts : apportez la lettre (et l'enveloppe qui montre la "
    "date de réception) à un avocat ou à un service d'aide juridique dès que possible. Parler "
    "à un conseiller en retour ne vous empêche pas de demander un avis juridique.",
    "Si vous avez reçu un ordre de quitter le territoire et restez, les autorités peuvent "
    "engager un retour forcé. Selon le pays, cela peut comprendre une obligation de se "
    "présenter, une détention et une interdiction de revenir pendant plusieurs années. Vous "
    "pouvez aussi perdre l'aide des programmes de retour volontaire. Un avocat ou un "
    "conseiller vous explique ce qui s'applique à votre cas et quelles options restent.",
    "Oui. Dans les points d'accueil marqués « vous pouvez venir de façon anonyme », vous "
    "pouvez poser des questions générales sans donner votre nom. Vous décidez de ce que vous "
    "dites. Si vous demandez ensuite à participer à un programme, il faudra donner votre "
    "identité pour organiser les documents de voyage et le billet.",
    "Pas toujours. Certains points d'accueil ont des heures de permanence où l'on peut venir "
    "sans rendez-vous ; d'autres travaillent sur rendez-vous. La page de chaque point "
    "d'accueil indique « sans rendez-vous » quand c'est le cas. En cas de doute, envoyez un "
    "e-mail ou passez pendant les heures d'ouverture pour demander.",
    "Oui, une famille peut rentrer ensemble. Chaque membre de la famille figure dans la "
    "demande, et l'aide peut être donnée par personne ou par famille. Apportez les documents "
    "que vous avez pour chacun : passeports, cartes d'identité, actes de naissance et de "
    "mariage. L'école, les soins et le logement de la famille peuvent être préparés avant le "
    "départ.",
    "Dites-le tôt à votre conseiller. Un programme peut vérifier que vous êtes en état de "
    "voyager, prévoir un accompagnement ou un fauteuil roulant, vous remettre des "
    "médicaments pour la première période et demander à un partenaire si votre traitement "
    "existe après le retour. Apportez vos rapports médicaux et ordonnances. Les informations "
    "médicales ne sont partagées qu'avec votre accord, et seulement pour organiser le retour.",
    "Votre conseiller peut vous aider à contacter l'ambassade ou le consulat de votre pays "
    "pour demander un passeport ou un document de voyage aller simple (souvent appelé "
    "laissez-passer). Apportez tous vos documents, même anciens, expirés ou en copie : "
    "passeport, carte d'identité, acte de naissance, photos de documents. Après le retour, "
    "un partenaire local peut vous aider à refaire vos documents d'état civil.",
    "Souvent quelques semaines, mais cela varie. L'attente porte surtout sur les documents "
    "de voyage délivrés par l'ambassade et sur la réservation du vol. Avec un passeport "
    "valable, cela peut aller plus vite ; s'il faut établir un nouveau document, cela peut "
    "prendre plus longtemps. Votre conseiller vous donne une estimation pour votre cas et "
    "vous tient informé.",
    "Oui. Le retour avec un programme est volontaire et vous pouvez renoncer jusqu'au "
    "départ. Prévenez votre conseiller le plus tôt possible pour annuler la réservation. "
    "Renoncer ne change pas votre situation juridique : elle reste celle d'avant votre "
    "demande.",
    "Oui. Dans cette démonstration, le réseau de conseil d'exemple propose un accompagnement "
    "gratuit et confidentiel : le conseiller ne transmet pas ce que vous dites sans votre "
    "accord. Lors du premier entretien, il explique les rares cas où la loi l'oblige à "
    "partager une information.",
    "Pour délivrer des documents de voyage, l'ambassade ou le consulat doit savoir qui vous "
    "êtes. Ce que vous avez raconté pendant votre procédure d'asile ne lui est pas "
    "communiqué. Si vous craignez les autorités de votre pays, dites-le à votre conseiller "
    "et parlez à un avocat avant l'envoi de toute demande.",
    "En général oui, dans la limite des bagages prévus par le billet : le plus souvent un "
    "bagage en soute et un bagage à main. Les bagages supplémentaires ne sont normalement pas "
    "payés par le programme. Demandez à votre conseiller ce que permet votre billet, et "
    "gardez documents et médicaments dans le bagage à main.",
    "Les familles avec enfants reçoivent une attention particulière : inscription à l'école "
    "après le retour, bilan de santé et parfois une aide supplémentaire par enfant. Un enfant "
    "qui voyage sans ses parents ne peut rentrer que si un tuteur est associé, si le retour "
    "est dans l'intérêt supérieur de l'enfant et si une prise en charge par la famille ou un "
    "service est prévue avant le départ.",
    "Vous pouvez demander des informations à tout moment. Pour partir réellement avec un "
    "programme, il faut en général retirer votre demande d'asile, ce qui met fin à votre "
    "procédure. Parlez à un avocat avant de retirer quoi que ce soit.",
    "Dans les points d'accueil qui proposent une aide juridique (voir la carte et la liste "
    "des points d'accueil). Un avocat ou un juriste est de votre côté et n'a rien à voir "
    "avec le conseil en retour. Apportez toutes les lettres et décisions reçues. L'aide "
    "juridique peut être gratuite si vos revenus sont faibles ou nuls.",
    "Oui. Si quelqu'un vous force à travailler, garde vos documents ou votre argent, ou vous "
    "menace, vous ou votre famille, parlez-en à un conseiller ou à un service spécialisé. "
    "Vous pouvez recevoir protection et soutien ; avant tout retour, les risques sont évalués "
    "et un voyage et un accueil sûrs sont organisés. Cela peut se faire en toute "
    "confidentialité.",
    "Souvent, oui. L'aide à la réintégration peut comprendre un accompagnement vers l'emploi, "
    "une formation professionnelle, une orientation vers des services de placement ou du "
    "matériel pour lancer une petite activité à partir d'un plan simple. Parlez de vos "
    "compétences et de vos projets avec votre conseiller avant le départ, pour qu'un "
    "partenaire dans votre pays puisse se préparer.",
    "Parfois. Certains programmes paient un hébergement temporaire à l'arrivée ou une "
    "participation au loyer pendant les premiers mois, en général versée directement au "
    "propriétaire. La plupart des personnes logent d'abord chez de la famille ou des amis. "
    "Prévenez tôt votre conseiller si vous n'avez nulle part où aller.",
    "Le mieux est un passeport ou une carte d'identité nationale, même expirés. Sinon, un "
    "acte de naissance, un livret de famille, un permis de conduire, des papiers militaires "
    "ou scolaires, ou leurs copies et photos, peuvent aider. Si vous n'avez rien, "
    "l'ambassade peut vous recevoir en entretien ou vérifier ses registres ; votre conseiller "
    "peut aider à l'organiser. Cela prend en général plus de temps.",
    "Un passeport expiré aide quand même à prouver qui vous êtes. Votre conseiller peut vous "
    "aider à demander à votre ambassade ou consulat un nouveau passeport ou un document de "
    "voyage aller simple (laissez-passer). Apportez l'ancien passeport et des photos "
    "d'identité. Si votre passeport est perdu ou volé, dites-le à votre conseiller ; une "
    "déclaration de perte à la police peut être demandée.",
    "Souvent, oui. Beaucoup de programmes proposent une aide à l'aéroport de départ et, avec "
    "une organisation partenaire, à l'arrivée : quelqu'un vous accueille, vous aide pour la "
    "suite du trajet ou vous conduit à un hébergement temporaire. Il faut le demander avant "
    "le départ : parlez-en à votre conseiller.",
    "En général, les programmes aident à rentrer dans le pays dont vous avez la nationalité. "
    "Un retour vers un autre pays n'est possible que si vous avez le droit d'y vivre, par "
    "exemple avec un titre de séjour valable, et pouvez y entrer légalement. Demandez à votre "
    "conseiller de vérifier votre situation.",
    "Oui. Le conseil peut se faire avec un interprète, sur place ou par téléphone, "
    "gratuitement pour vous. Les interprètes sont tenus au secret. Dites quelle langue il vous "
    "faut dès le premier contact ; la page de chaque point d'accueil indique les langues "
    "parlées.",
    "Un plan de réintégration se construit avec vous, avant ou après le retour. Il décrit "
    "votre situation et vos besoins, vos objectifs (travail, formation, petite activité, "
    "logement, santé, école), l'aide que vous recevrez, surtout en nature, qui la fournit, "
    "quand, et comment se fera le suivi. Il est volontaire et peut être adapté.",
    "Chaque page appartient à une organisation qui en est responsable. Les pages indiquent "
    "leur date de dernière vérification et vous avertissent quand elles sont dépassées ; les "
    "fiches pays citent leurs sources section par section. Les pages de cette démonstration "
    "sont des exemples et n'ont pas été vérifiées.",
    "Parlez-en d'abord au service lui-même et demandez à voir un responsable ; chaque "
    "organisation devrait avoir une procédure de plainte. Vous pouvez aussi demander l'aide "
    "d'un service d'aide juridique ou d'un organe de plainte indépendant. Porter plainte ne "
    "change rien à votre droit à une aide.",
    "Cherchez sur la carte les points d'accueil qui proposent un hébergement ; dans cette "
    "démonstration, un point d'accueil d'exemple en propose. Les permanences sans rendez-vous "
    "peuvent aussi vous orienter vers un abri d'urgence. Si vous êtes en danger, appelez le "
    "numéro d'urgence du pays où vous êtes.",
]

SHEET = {
    "title": "Fiche pays (exemple) : {name}",
    "summary": SAMPLE
    + " Ce qui vous attend et ce qu'il faut préparer pour un retour vers {name} : sécurité, "
    "soins, logement, travail, école, documents et aide à la réintégration, en termes "
    "généraux. Demandez à un conseiller des informations à jour sur votre propre situation.",
    "source": "Source d'exemple (fictive)",
    "sections": {
        "safety": [
            "La sécurité peut beaucoup varier d'une région à l'autre et changer rapidement. Avant "
            "de décider, demandez à votre conseiller des informations récentes sur la région où "
            "vous rentreriez, et les sources sur lesquelles elles reposent.",
            "Si vous craignez pour votre sécurité après le retour, dites-le et parlez à un "
            "avocat avant de décider : cela peut compter pour vos possibilités juridiques.",
        ],
        "health": [
            "La disponibilité d'un traitement et son coût varient selon la région et le type de "
            "soins, surtout pour les maladies chroniques et la santé mentale. Apportez vos "
            "rapports médicaux : avant le départ, un partenaire peut vérifier où votre "
            "traitement est disponible. Certains programmes paient les médicaments des premiers "
            "mois.",
        ],
        "housing": [
            "La plupart des personnes logent d'abord chez de la famille ou des amis. Quand ce "
            "n'est pas possible, certains programmes aident pour un hébergement temporaire à "
            "l'arrivée ou participent au loyer pendant une courte période. Prévenez tôt votre "
            "conseiller si vous n'avez nulle part où aller.",
        ],
        "work": [
            "Trouver du travail peut prendre du temps après une longue absence. L'aide à la "
            "réintégration peut comprendre un accompagnement vers l'emploi, une formation "
            "professionnelle ou du matériel pour lancer une petite activité à partir d'un plan "
            "simple. Apportez les attestations des cours suivis et du travail fait à l'étranger.",
        ],
        "education": [
            "Les enfants peuvent en général être inscrits à l'école après le retour ; l'école "
            "peut demander un acte de naissance et les bulletins précédents. Les diplômes "
            "obtenus à l'étranger peuvent devoir être traduits et légalisés : demandez de l'aide "
            "à votre conseiller avant le départ.",
        ],
        "documents": [
            "Emportez tous vos documents d'identité et d'état civil. Les naissances et mariages "
            "survenus à l'étranger peuvent devoir être enregistrés après le retour : apportez "
            "les actes. Remplacer un document perdu demande en général un passage à l'état "
            "civil ; un partenaire local peut expliquer les démarches.",
        ],
        "reintegration": [
            "L'aide à la réintégration est en général fournie par une organisation partenaire "
            "dans le pays de retour. Elle est préparée avec vous, surtout en nature (biens, "
            "services, formation), parfois avec une petite part en espèces. Contactez le "
            "partenaire dans les premières semaines après l'arrivée pour que l'aide commence.",
        ],
        "contacts": [
            "Les contacts vérifiés des partenaires locaux figureraient ici. Cette démonstration "
            "ne donne aucun contact réel : demandez à votre conseiller les coordonnées du "
            "partenaire avant le départ.",
        ],
    },
}

PROGRAMME = {
    "title": "Programme d'exemple {n}",
    "summary": SAMPLE
    + " Exemple de programme d'aide au retour volontaire et à la réintégration pour les "
    "ressortissants de ces pays : {countries}, dont la demande d'asile a été refusée ou qui "
    "n'ont pas de droit de séjour. Montants et conditions sont des exemples.",
    "operator": "Opérateur d'exemple (fictif)",
    "funders": "Financeur d'exemple (fictif)",
    "deadline": "Exemple : faites la demande avant le voyage et comptez quelques semaines pour "
    "les documents de voyage et la réservation.",
    "in_kind": "Exemple : aide surtout en nature, préparée avec vous, comme une formation "
    "professionnelle, du matériel pour lancer une petite activité ou une participation au "
    "loyer des premiers mois.",
    "vulnerable": "Exemple : aide supplémentaire pour les personnes ayant des besoins "
    "médicaux, les familles avec enfants, les personnes âgées et les victimes de la traite, "
    "comme un accompagnement médical, des médicaments pour les premiers mois ou un budget en "
    "nature plus élevé.",
    "how_to_apply": [
        "Contactez un conseiller en retour dans un point d'accueil (voir la carte). Le premier "
        "entretien est gratuit et confidentiel et ne vous engage à rien.",
        "Apportez ce que vous avez : passeport ou carte d'identité (même expirés), autres "
        "documents, rapports médicaux, et les documents des membres de la famille qui "
        "voyagent avec vous.",
        "Le conseiller vérifie si vous remplissez les conditions, vous aide si besoin à obtenir "
        "un document de voyage auprès de votre ambassade ou consulat, réserve le voyage et "
        "prépare l'aide à la réintégration avec un partenaire dans votre pays.",
    ],
}

EXPLAINER = {
    "title": "Comprendre votre décision (exemple)",
    "summary": SAMPLE + " Pourquoi des demandes sont refusées et quelles sont vos options.",
    "body": [
        "La lettre de décision explique pourquoi votre demande a été refusée et ce que vous "
        "pouvez faire ensuite. Elle indique en général si un recours est possible, dans quel "
        "délai, et si vous devez quitter le pays.",
        "Les délais peuvent être courts et figurent dans la lettre. Apportez la lettre, et "
        "l'enveloppe qui montre quand vous l'avez reçue, à un avocat ou à un service d'aide "
        "juridique le plus tôt possible. Un conseiller peut vous aider à en trouver un.",
    ],
    "options": [
        (
            "Recours",
            "Un avocat vérifie si la décision peut être contestée et si un recours vous permet "
            "de rester pendant son examen. L'aide juridique peut être gratuite si vos revenus "
            "sont faibles.",
            "Exemple : le délai figure dans votre lettre de décision.",
        ),
        (
            "Nouvelle demande",
            "Possible seulement avec des faits ou des preuves nouveaux, qui n'ont pas encore été "
            "examinés. Parlez-en d'abord à un avocat.",
            "",
        ),
        (
            "Retour volontaire",
            "Un conseiller explique l'aide disponible : le voyage, les documents et le soutien "
            "après le retour. Demander des informations n'arrête pas un recours.",
            "Exemple : renseignez-vous sur les délais des programmes.",
        ),
    ],
}
