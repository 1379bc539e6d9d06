"""Word lists for the generated desk (factcheck.demo.desk_generator): syllables that names are
built from, and the French and English pieces claims are assembled from. Written for the
project; the combinations, not the lists, make the variety."""

# Syllables of invented surnames, towns and company names (pronounceable in both languages).
SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ga go gu la le li lo lu ma me mi mo mu na ne ni "
    "no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za zo bar ber bor dan "
    "den dor fal fer gar ger kan ker lan len lor mar mer mor nar ner par per por ran ren ron sal "
    "sen sor tan ter tor val ver vor bel del mel nel rel tel vel brun cha che cla cor cran dri "
    "fro gal gre lam mon pra pri ste tra tri vil wen wil hal hol kor kel gan"
).split()

FIRST_NAMES = (
    "Adèle Agathe Aïcha Alain Albane Alexandre Alice Amadou Amélie Anne Antoine Arnaud Aurélie "
    "Bastien Béatrice Benoît Bernard Camille Capucine Cécile Charles Chloé Claire Clément "
    "Corinne Damien Delphine Denis Dominique Élise Emma Émile Éric Fabien Fatou Florence "
    "François Gaëlle Gilles Guillaume Hélène Hugo Inès Isabelle Jacques Jeanne Jérôme Julien "
    "Karim Laure Léa Léon Louis Lucie Malik Manon Marc Margaux Martine Mathieu Mehdi Nadia "
    "Nathalie Nicolas Noémie Olivier Pascal Pauline Philippe Pierre Rachid Romain Samia "
    "Sandrine Sébastien Solène Sophie Sylvie Thomas Valérie Vincent Yann Yasmine Zoé "
    "Abigail Adrian Alan Amanda Andrew Anthony Barbara Brian Caroline Catherine Daniel David "
    "Deborah Diana Edward Eleanor Emily Frank George Grace Hannah Harry Helen Henry Ian Jack "
    "James Janet Jennifer John Joseph Julia Karen Kevin Laura Linda Margaret Mark Mary Matthew "
    "Michael Nancy Oliver Patricia Paul Peter Rachel Richard Robert Ruth Samuel Sarah Simon "
    "Stephen Susan Timothy Victoria William Priya Kwame Wei Tomasz Ingrid Diego Lucia Aziz"
).split()

ORG_FORMS = {
    "fr": ("Groupe {n}", "{n} SA", "Banque {n}", "Fondation {n}", "Compagnie {n}",
           "{n} Industries", "Mutuelle {n}", "Laboratoires {n}", "Association {n}",
           "Syndicat {n}", "Office {n}", "Institut {n}", "{n} Énergie", "Transports {n}"),
    "en": ("{n} Group", "{n} Holdings", "{n} Bank", "{n} Foundation", "{n} Industries",
           "{n} Labs", "{n} Partners", "{n} Institute", "{n} Energy", "{n} Airlines",
           "{n} Systems", "{n} Union", "{n} Trust", "{n} Motors"),
}
PLACE_FORMS = ("{n}ville", "Saint-{n}", "{n}bourg", "Port-{n}", "{n}ton", "{n}ford",
               "{n}-sur-Mer", "{n}ac", "{n}heim", "Mont-{n}", "{n}field", "{n}port", "{n}")
OUTLET_FORMS = {
    "fr": ("Le Courrier de {p}", "La Gazette de {p}", "L'Écho de {p}", "Radio {p}",
           "Le Journal de {p}", "La Voix de {p}", "{p} Matin", "Le Réveil de {p}"),
    "en": ("The {p} Herald", "{p} Daily", "The {p} Post", "{p} Evening News", "The {p} Times",
           "{p} Radio", "The {p} Chronicle", "{p} Observer"),
}

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}
WEEKDAYS = {
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
}

# (French past participle after "a", English past tense) of things organisations and people do
# to countable objects.
ACTION_VERBS = (
    ("annoncé", "announced"), ("supprimé", "cut"), ("créé", "created"), ("recruté", "hired"),
    ("commandé", "ordered"), ("livré", "delivered"), ("vendu", "sold"), ("acheté", "bought"),
    ("construit", "built"), ("fermé", "closed"), ("ouvert", "opened"), ("rénové", "renovated"),
    ("financé", "funded"), ("installé", "installed"), ("rappelé", "recalled"),
    ("distribué", "distributed"), ("exporté", "exported"), ("importé", "imported"),
    ("testé", "tested"), ("inspecté", "inspected"), ("déployé", "deployed"),
    ("rachetée", "acquired"), ("licencié", "laid off"), ("formé", "trained"),
    ("vacciné", "vaccinated"), ("évacué", "evacuated"), ("relogé", "rehoused"),
    ("subventionné", "subsidised"), ("produit", "produced"), ("planté", "planted"),
    ("réparé", "repaired"), ("certifié", "certified"), ("signalé", "reported"),
    ("enregistré", "registered"), ("accueilli", "welcomed"), ("transporté", "carried"),
    ("modernisé", "upgraded"), ("loué", "leased"), ("expédié", "shipped"), ("saisi", "seized"),
)
# (French plural, English plural) of what is counted.
COUNTED = (
    ("emplois", "jobs"), ("logements", "homes"), ("postes", "posts"), ("trains", "trains"),
    ("bus électriques", "electric buses"), ("lits d'hôpital", "hospital beds"),
    ("salariés", "employees"), ("enseignants", "teachers"), ("infirmières", "nurses"),
    ("écoles", "schools"), ("classes", "classrooms"), ("éoliennes", "wind turbines"),
    ("panneaux solaires", "solar panels"), ("bornes de recharge", "charging points"),
    ("kilomètres de voies", "kilometres of track"), ("arbres", "trees"), ("magasins", "shops"),
    ("agences", "branches"), ("usines", "factories"), ("avions", "aircraft"),
    ("navires", "ships"), ("tonnes de céréales", "tonnes of grain"), ("véhicules", "vehicles"),
    ("caméras", "cameras"), ("logiciels", "software licences"), ("médecins", "doctors"),
    ("places de crèche", "nursery places"), ("familles", "families"), ("patients", "patients"),
    ("étudiants", "students"), ("réfugiés", "refugees"), ("ordinateurs", "computers"),
    ("ponts", "bridges"), ("stades", "stadiums"), ("pharmacies", "pharmacies"),
    ("tonnes de déchets", "tonnes of waste"), ("vélos", "bicycles"), ("drones", "drones"),
    ("contrats", "contracts"), ("brevets", "patents"), ("cellules de prison", "prison cells"),
    ("policiers", "police officers"), ("pompiers", "firefighters"), ("fermes", "farms"),
)
# (French, English) what an amount of money is for.
PURPOSES = (
    ("la rénovation du port", "the renovation of the port"),
    ("un nouveau centre de données", "a new data centre"),
    ("la ligne de tramway", "the tram line"), ("le plan de relance", "the recovery plan"),
    ("l'hôpital régional", "the regional hospital"), ("la réforme des retraites", "the pension reform"),
    ("le réseau de chaleur", "the district heating network"),
    ("la protection du littoral", "coastal protection"), ("la recherche sur le cancer", "cancer research"),
    ("l'usine de batteries", "the battery plant"), ("le stade municipal", "the municipal stadium"),
    ("la station d'épuration", "the water treatment plant"), ("le musée", "the museum"),
    ("la fibre optique", "fibre broadband"), ("les cantines scolaires", "school canteens"),
    ("la digue", "the sea wall"), ("l'aéroport", "the airport"), ("la prison", "the prison"),
    ("le rachat de la dette", "the debt buy-back"), ("le campus universitaire", "the university campus"),
    ("la ligne à grande vitesse", "the high-speed line"), ("le parc éolien en mer", "the offshore wind farm"),
)
# (French, English) of money and agreement verbs.
MONEY_VERBS = (
    ("a investi", "invested"), ("a débloqué", "released"), ("a levé", "raised"),
    ("a perdu", "lost"), ("a emprunté", "borrowed"), ("a versé", "paid"),
    ("a dépensé", "spent"), ("a obtenu", "obtained"), ("a réclamé", "claimed"),
    ("a économisé", "saved"), ("a alloué", "allocated"), ("a promis", "pledged"),
)
# (French feminine noun, English) of measured quantities.
METRICS = (
    ("la population", "the population"), ("la dette", "debt"), ("la production", "output"),
    ("la fréquentation", "attendance"), ("la criminalité", "crime"), ("la consommation d'eau", "water use"),
    ("la facture d'électricité", "the electricity bill"), ("la mortalité routière", "road deaths"),
    ("la part de marché", "market share"), ("la natalité", "the birth rate"),
    ("la taxe foncière", "property tax"), ("la pollution aux particules", "particle pollution"),
    ("la durée d'attente aux urgences", "emergency waiting time"), ("l'inflation", "inflation"),
    ("la masse salariale", "the wage bill"), ("la surface agricole", "farmland"),
    ("la fréquentation touristique", "tourist numbers"), ("la dépense publique", "public spending"),
)
RISE_FALL = (("a augmenté", "rose"), ("a baissé", "fell"), ("a reculé", "dropped"),
             ("a progressé", "grew"), ("a doublé", "doubled"), ("a chuté", "plunged"))
ROLES = (
    ("directrice générale", "chief executive"), ("président", "chairman"), ("maire", "mayor"),
    ("porte-parole", "spokesperson"), ("directeur financier", "finance director"),
    ("ministre", "minister"), ("présidente", "president"), ("secrétaire générale", "general secretary"),
    ("directeur technique", "chief technology officer"), ("trésorier", "treasurer"),
    ("rapporteure", "rapporteur"), ("préfet", "prefect"), ("juge", "judge"),
    ("procureure", "prosecutor"), ("économiste en chef", "chief economist"),
    ("déléguée syndicale", "union representative"), ("conseiller", "adviser"),
)
SAYING = (("a affirmé", "said"), ("a déclaré", "stated"), ("a assuré", "claimed"),
          ("a révélé", "revealed"), ("a confirmé", "confirmed"), ("a reconnu", "admitted"),
          ("a indiqué", "indicated"), ("a annoncé", "announced"))
EVENTS = (
    ("incendies", "fires"), ("inondations", "floods"), ("accidents", "accidents"),
    ("cambriolages", "burglaries"), ("grèves", "strikes"), ("manifestations", "demonstrations"),
    ("faillites", "bankruptcies"), ("naissances", "births"), ("plaintes", "complaints"),
    ("cyberattaques", "cyberattacks"), ("coupures de courant", "power cuts"),
    ("cas de grippe", "flu cases"), ("expulsions", "evictions"), ("séismes", "earthquakes"),
)
AGREEMENTS = (("un accord", "an agreement"), ("un contrat", "a contract"),
              ("un partenariat", "a partnership"), ("une fusion", "a merger"),
              ("un protocole", "a memorandum"), ("une alliance", "an alliance"))
FILLERS = {
    "fr": ("La séance a duré plus de trois heures.", "Le dossier sera de nouveau examiné.",
           "Les habitants restent partagés.", "Plusieurs élus ont quitté la salle.",
           "La décision divise la majorité.", "Le calendrier reste incertain.",
           "Les discussions reprendront la semaine prochaine.", "Rien n'est encore signé.",
           "L'opposition demande des explications.", "Le climat reste tendu."),
    "en": ("The meeting lasted more than three hours.", "The matter will be examined again.",
           "Residents remain divided.", "Several councillors left the room.",
           "The decision has split the majority.", "The timetable remains uncertain.",
           "Talks will resume next week.", "Nothing has been signed yet.",
           "The opposition wants an explanation.", "Tensions remain high."),
}
