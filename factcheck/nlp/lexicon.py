"""Word lists behind modality, claim typing and scoring (French and English).

Lower-case; French entries use ASCII apostrophes (textprep normalises ’).
Kept here, not in the logic modules, so editors' feedback means editing
lists, not code.
"""

# --- hedging ----------------------------------------------------------------
HEDGE_WORDS = {
    "fr": {
        "selon", "semble", "semblent", "semblait", "semblaient", "sembler", "semblerait", "sembleraient", "paraît", "paraissent",
        "paraissait", "apparemment", "probablement", "vraisemblablement", "peut-être", "présumé",
        "présumée", "présumés", "présumées", "supposé", "supposée", "prétendument", "éventuellement",
        "possiblement", "rumeur", "rumeurs",
    },
    "en": {
        "may", "might", "could", "would", "reportedly", "allegedly", "apparently", "seemingly",
        "likely", "possibly", "perhaps", "probably", "seems", "seem", "seemed", "appears", "appear",
        "rumoured", "rumored", "alleged", "purportedly", "supposedly",
    },
}
HEDGE_PHRASES = {
    "fr": ("d'après ", "il est possible que", "il se pourrait", "à en croire", "de source"),
    "en": ("according to", "is said to", "are said to", "is believed to", "are believed to",
           "is thought to", "is expected to", "sources say", "it is possible"),
}

# Verbs of appearance and promise: "L'avenir de X semble incertain", "une
# métamorphose qui promet de…". Without a number, a date or an event they
# evaluate rather than report.
EVALUATIVE_VERBS = {
    "fr": {"semble", "semblent", "semblait", "semblaient", "paraît", "paraissent", "paraissait",
           "promet", "promettent", "promettait", "annonce-t-il", "s'annonce", "s'annoncent"},
    "en": {"seems", "seem", "seemed", "appears", "looks", "promises", "promise", "promised"},
}

# --- claim typing -----------------------------------------------------------
# Hires, departures, deals: the desk's bread and butter.
EVENT_LEMMAS = {
    "fr": {
        "recruter", "embaucher", "nommer", "désigner", "licencier", "limoger", "renvoyer", "évincer",
        "démissionner", "quitter", "rejoindre", "remplacer", "succéder", "racheter", "acquérir",
        "emparer", "signer", "annoncer", "lancer", "investir", "fermer", "ouvrir", "condamner",
        "arrêter", "élire", "voter", "adopter", "publier", "déposer", "fusionner", "céder", "vendre",
        "acheter", "confier", "intégrer", "fournir", "attaquer", "interdire", "autoriser", "retirer",
        "suspendre", "réintégrer", "revenir", "mourir", "décéder", "blesser", "tuer", "exploser",
        "valider", "remercier", "commander", "supprimer", "augmenter", "baisser", "doubler",
        "employer", "recevoir", "payer", "financer", "construire", "ouvrir", "présenter",
    },
    "en": {
        "hire", "hired", "hires", "appoint", "appointed", "appoints", "named", "fired", "fires",
        "ousted", "resigned", "resigns", "quit", "quits", "joined", "joins", "replaced", "replaces",
        "succeeds", "succeeded", "acquired", "acquires", "bought", "buys", "signed", "signs",
        "announced", "announces", "launched", "launches", "invested", "invests", "closed", "opened",
        "sued", "arrested", "elected", "voted", "passed", "published", "merged", "sold", "sells",
        "banned", "approved", "withdrew", "suspended", "died", "killed", "recruited", "poached",
    },
}
# Hires, appointments, departures, takeovers: the claims a tech/business desk
# checks first; they weigh more than other events.
STRONG_EVENTS = {
    "fr": {"recruter", "embaucher", "nommer", "licencier", "limoger", "évincer", "démissionner",
           "racheter", "acquérir", "emparer", "remplacer", "succéder", "successeur", "successeure",
           "recrutement", "licenciement", "nomination", "démission", "rachat", "acquisition"},
    "en": {"hire", "hired", "hires", "appoint", "appointed", "appoints", "fired", "ousted",
           "resigned", "resigns", "acquired", "acquires", "successor", "replaced", "recruited",
           "poached"},
}
EVENT_NOUNS = {
    "fr": {
        "successeur", "successeure", "recrutement", "licenciement", "nomination", "démission",
        "rachat", "acquisition", "éviction", "départ", "arrivée", "fusion", "pdg", "directeur",
        "directrice", "président", "présidente", "investissement", "contrat", "accord", "procès",
    },
    "en": {
        "successor", "hiring", "appointment", "resignation", "acquisition", "merger", "ceo",
        "deal", "contract", "lawsuit", "investment", "departure", "ouster", "chief", "executive",
    },
}
REPORTING_LEMMAS = {
    "fr": {
        "déclarer", "affirmer", "dire", "indiquer", "expliquer", "estimer", "assurer", "souligner",
        "confirmer", "préciser", "ajouter", "annoncer", "reconnaître", "admettre", "démentir",
        "nier", "accuser", "dénoncer", "avertir", "prévenir", "répondre", "juger", "raconter",
        "confier", "révéler", "rapporter", "selon",
    },
    "en": {
        "said", "says", "say", "stated", "states", "told", "tells", "claimed", "claims", "added",
        "explained", "confirmed", "denied", "announced", "warned", "argued", "insisted",
        "according", "wrote", "tweeted", "admitted",
    },
}
CAUSAL = {
    "fr": ("parce que", "parce qu'", "car ", "à cause de", "à cause d'", "en raison de",
           "en raison d'", "grâce à", "due à", "dû à", "dus à", "dues à", "provoqué", "provoque",
           "entraîné", "entraîne", "causé", "cause de", "conséquence de", "suite à", "résulte",
           "a conduit à", "ont conduit à", "explique par", "expliquent par"),
    "en": ("because", "due to", "caused", "causes", "led to", "leads to", "as a result",
           "resulted in", "results in", "owing to", "thanks to", "triggered", "therefore"),
}
PREDICTION_WORDS = {
    "fr": {"prochain", "prochaine", "prochains", "prochaines", "bientôt", "demain", "promet",
           "promettent", "prévoit", "prévoient", "devrait", "devraient"},
    "en": {"will", "soon", "expected", "forecast", "predicts", "predicted", "tomorrow",
           "promises"},
}
# Evaluative words: "hallucinant", "remarquable" are an author's view, not a fact.
SUBJECTIVE = {
    "fr": {
        "hallucinant", "hallucinante", "incroyable", "remarquable", "véritable", "audacieux",
        "audacieuse", "colossal", "colossale", "incontournable", "crucial", "cruciale", "énorme",
        "majeur", "majeure", "majeurs", "majeures", "emblématique", "emblématiques", "magistral",
        "brillant", "brillante", "formidable", "catastrophique", "scandaleux", "scandaleuse",
        "inadmissible", "extraordinaire", "fascinant", "passionnant", "impressionnant",
        "spectaculaire", "séisme", "coup", "maître", "admiration", "lourde", "symbiotique",
        "indispensable", "décisif", "décisive", "déterminant", "déterminante", "solide",
        "agilité", "audace", "manifeste", "capital", "considérable", "significatives",
        "significatif", "significative", "intense", "stratégique", "strategique", "clé", "clés",
        "épée", "damoclès", "souffle", "onde", "choc", "horizons", "heureusement",
        "malheureusement", "évidemment", "clairement", "absolument", "vraiment", "trop",
        "extrêmement", "hélas", "honte", "génial", "géniale", "meilleur", "meilleure", "pire",
    },
    "en": {
        "amazing", "incredible", "remarkable", "stunning", "shocking", "brilliant", "terrible",
        "awful", "disastrous", "outrageous", "crucial", "massive", "huge", "masterstroke",
        "bold", "best", "worst", "clearly", "obviously", "unfortunately", "fortunately", "truly",
        "really", "extremely", "great", "disgraceful", "fantastic", "iconic", "key",
    },
}
FIRST_PERSON = {
    "fr": {"je", "j'", "nous", "me", "m'", "moi", "notre", "nos", "mon", "ma", "mes"},
    "en": {"i", "we", "me", "us", "our", "my", "mine", "ours"},
}
QUANTITY_WORDS = {
    "fr": {"million", "millions", "milliard", "milliards", "%", "€", "$", "euros", "dollars",
           "moitié", "tiers", "quart", "kilomètres", "km", "tonnes", "mille", "cents", "doublé",
           "triplé", "quadruplé"},
    "en": {"million", "millions", "billion", "billions", "%", "€", "$", "£", "percent",
           "dollars", "euros", "half", "third", "quarter", "thousand", "hundred", "doubled",
           "tripled", "halved", "quadrupled"},
}
MONTHS = {
    "fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
           "samedi", "dimanche", "hier", "aujourd'hui", "dernier", "dernière", "veille"},
    "en": {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
           "friday", "saturday", "sunday", "yesterday", "today", "last"},
}
# Leading discourse connectives: dropped from the claim text (not the span).
CONNECTIVES = {
    "fr": ("en effet", "par ailleurs", "ainsi", "de plus", "en outre", "cependant", "toutefois",
           "pourtant", "néanmoins", "d'ailleurs", "ceci étant dit", "cela dit", "or", "enfin",
           "en revanche", "de même", "aussi", "donc", "mais", "et", "alors"),
    "en": ("however", "meanwhile", "moreover", "in fact", "indeed", "furthermore", "also",
           "but", "and", "still", "besides", "in addition", "yet", "so"),
}
# Nouns naming a role; with no "de X"/"of X" after them the claim misses its organisation.
ROLE_NOUNS = {
    "fr": ("successeur", "successeure", "pdg", "p-dg", "directeur général", "directrice générale",
           "président", "présidente", "patron", "patronne", "porte-parole", "directeur",
           "directrice", "dirigeant", "dirigeante", "fondateur", "fondatrice"),
    "en": ("successor", "chief executive", "ceo", "chairman", "chairwoman", "president",
           "spokesperson", "spokesman", "spokeswoman", "founder", "director", "head"),
}
ROLE_QUALIFIERS = {
    "fr": ("annoncé", "annoncée", "désigné", "désignée", "nommé", "nommée", "pressenti",
           "pressentie", "intérimaire", "par intérim", "par interim", "actuel", "actuelle",
           "nouveau", "nouvelle"),
    "en": ("designate", "named", "interim", "new", "incoming", "announced"),
}
GENERIC_ORG_SUBJECTS = {
    "fr": ("l'entreprise", "la société", "le groupe", "la firme", "le géant de la technologie",
           "le géant technologique", "la start-up", "la startup", "l'éditeur"),
    "en": ("the company", "the firm", "the group", "the tech giant", "the startup",
           "the start-up"),
}
SUBJECT_PRONOUNS = {
    "fr": {"il": "any", "elle": "any"},
    "en": {"he": "PER", "she": "PER", "it": "ORG"},
}
