"""Word lists the stance judge reads (French and English, folded: lower case, no accents).

Lemmas where spaCy gives them (French), plain words otherwise (English runs on a blank
pipeline); both forms are listed where they differ."""

# Pairs of words that say opposite things about the same fact.
ANTONYMS = [
    # direction and size
    ("hausse", "baisse"), ("augmenter", "diminuer"), ("augmenter", "baisser"), ("monter", "baisser"),
    ("augmentation", "diminution"), ("augmentation", "baisse"), ("croissance", "recul"),
    ("progresser", "reculer"), ("progression", "recul"), ("grimper", "chuter"), ("hausse", "chute"),
    ("plus", "moins"), ("superieur", "inferieur"), ("majorite", "minorite"), ("gain", "perte"),
    ("excedent", "deficit"), ("maximum", "minimum"), ("accelerer", "ralentir"),
    ("rise", "fall"), ("rose", "fell"), ("increase", "decrease"), ("increased", "decreased"),
    ("grow", "shrink"), ("grew", "shrank"), ("more", "less"), ("more", "fewer"), ("higher", "lower"),
    ("above", "below"), ("surplus", "deficit"), ("majority", "minority"), ("up", "down"),
    # outcome
    ("gagner", "perdre"), ("victoire", "defaite"), ("vainqueur", "perdant"), ("remporter", "perdre"),
    ("reussir", "echouer"), ("succes", "echec"), ("win", "lose"), ("won", "lost"), ("victory", "defeat"),
    ("succeed", "fail"), ("succeeded", "failed"), ("success", "failure"),
    # permission, decision
    ("autoriser", "interdire"), ("autorise", "interdit"), ("accepter", "refuser"), ("adopter", "rejeter"),
    ("approuver", "rejeter"), ("obligatoire", "facultatif"), ("legal", "illegal"), ("permettre", "interdire"),
    ("allow", "ban"), ("allowed", "banned"), ("accept", "reject"), ("accepted", "rejected"),
    ("approve", "reject"), ("approved", "rejected"), ("legal", "illegal"), ("mandatory", "optional"),
    ("ouvrir", "fermer"), ("ouvert", "ferme"), ("ouverture", "fermeture"), ("open", "closed"),
    ("opened", "closed"), ("lancer", "abandonner"), ("maintenir", "supprimer"), ("creer", "supprimer"),
    ("embaucher", "licencier"),
    ("promouvoir", "licencier"), ("fermer", "rouvrir"), ("ferme", "rouvert"), ("signer", "rejeter"),
    ("passer", "rejeter"), ("passed", "rejected"), ("elire", "perdre"), ("authentique", "montage"),
    ("authentique", "faux"), ("win", "lost"), ("won", "lose"), ("suspendre", "blanchir"),
    ("atterrir", "ecraser"), ("ruiner", "sauver"), ("participer", "abandonner"), ("terminer", "abandonner"),
    ("finir", "abandonner"), ("reussir", "rater"), ("creer", "dissoudre"), ("accorder", "refuser"),
    ("ruin", "save"), ("ruined", "saved"), ("finish", "abandon"), ("finished", "abandoned"), ("hire", "fire"), ("hired", "fired"), ("nommer", "limoger"),
    ("elire", "battre"), ("condamner", "acquitter"), ("condamne", "acquitte"), ("coupable", "innocent"),
    ("convicted", "acquitted"), ("guilty", "innocent"), ("soutenir", "opposer"), ("support", "oppose"),
    ("pour", "contre"), ("favorable", "defavorable"), ("hausser", "baisser"),
    # truth and evidence
    ("vrai", "faux"), ("true", "false"), ("confirmer", "dementir"), ("confirmer", "infirmer"),
    ("confirm", "deny"), ("confirmed", "denied"), ("prouve", "infonde"), ("reel", "fictif"),
    ("efficace", "inefficace"), ("effective", "ineffective"), ("possible", "impossible"),
    ("sur", "dangereux"), ("safe", "dangerous"), ("safe", "unsafe"), ("benefique", "nocif"),
    ("exister", "inexistant"), ("public", "prive"), ("public", "private"), ("naturel", "artificiel"),
    ("natural", "artificial"), ("vivant", "mort"), ("alive", "dead"), ("present", "absent"),
    ("debut", "fin"), ("avant", "apres"), ("before", "after"), ("premier", "dernier"),
    ("first", "last"), ("ancien", "nouveau"), ("old", "new"), ("arriver", "partir"), ("entrer", "sortir"),
    ("import", "export"), ("importer", "exporter"), ("acheter", "vendre"), ("buy", "sell"),
    ("bought", "sold"), ("achat", "vente"), ("rural", "urbain"), ("interieur", "exterieur"),
    ("homme", "femme"), ("men", "women"), ("man", "woman"), ("riche", "pauvre"), ("rich", "poor"),
    ("haut", "bas"), ("high", "low"), ("grand", "petit"), ("large", "small"), ("chaud", "froid"),
    ("hot", "cold"), ("rapide", "lent"), ("fast", "slow"), ("fort", "faible"), ("strong", "weak"),
    ("actif", "inactif"), ("paix", "guerre"), ("peace", "war"), ("allie", "ennemi"),
    ("ally", "enemy"), ("jeune", "vieux"), ("young", "old"), ("facile", "difficile"),
    ("easy", "difficult"), ("recent", "ancien"), ("interne", "externe"), ("local", "etranger"),
    ("domestic", "foreign"), ("national", "international"), ("fictif", "reel"),
    ("plein", "vide"), ("full", "empty"), ("suffisant", "insuffisant"), ("stable", "instable"),
]

ANTONYM_OF: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    ANTONYM_OF.setdefault(_a, set()).add(_b)
    ANTONYM_OF.setdefault(_b, set()).add(_a)

# Negation markers. French "ne" is counted once per clause; "pas", "plus", "jamais" … only
# count when there is no "ne" (spoken or headline French: "pas de hausse").
NEGATION_FR_NE = {"ne", "n'", "n’"}
NEGATION_FR_ALONE = {"non", "sans", "aucun", "aucune", "jamais", "ni", "nul", "nulle"}
NEGATION_FR_AFTER_NE = {"pas", "plus", "jamais", "aucun", "aucune", "rien", "personne", "point", "guere", "nullement"}
NEGATION_EN = {"not", "n't", "never", "no", "none", "nobody", "nothing", "without", "neither", "nor", "cannot"}

# Words by which a text says another statement is false.
DENIAL = {
    "dementir", "dementi", "dementit", "nier", "nie", "refuter", "refute", "infirmer", "contester",
    "faux", "fausse", "erronee", "errone", "infonde", "infondee", "trompeur", "trompeuse", "mensonger",
    "inexact", "inexacte", "intox", "canular", "rumeur", "fake", "detournement", "detourne",
    "montage", "pretendu", "pretendue", "contrairement", "aucunement", "dement", "dementent",
    "dementi", "dementie", "nient", "refutent", "conteste", "contestent", "infirme", "infirment",
    "deny", "denied", "denies", "refute", "refuted", "debunk", "debunked", "false", "untrue",
    "misleading", "hoax", "baseless", "unfounded", "fabricated", "contrary", "wrong", "incorrect",
}

# Quantifiers: a claim about all is contradicted by one about none or only some.
UNIVERSAL = {"tout", "tous", "toute", "toutes", "chaque", "ensemble", "totalite", "toujours",
             "systematiquement", "entier", "entiere", "all", "every", "each", "always", "entire", "whole"}
NONE = {"aucun", "aucune", "nul", "nulle", "rien", "jamais", "none", "never", "nobody", "nothing", "no"}
PARTIAL = {"certain", "certains", "certaines", "quelque", "quelques", "plusieurs", "partie", "seulement",
           "uniquement", "parfois", "minorite", "rarement", "some", "few", "several", "only", "sometimes",
           "part", "partly", "partially", "rarely", "partiellement", "exclusivement", "seul", "seule"}

# Hedges: conditional mood, reported speech.
HEDGES = {"selon", "aurait", "auraient", "pourrait", "pourraient", "serait", "seraient", "semble",
          "sembler", "probablement", "peut-etre", "possiblement", "reportedly", "allegedly", "may",
          "might", "could", "possibly", "probably", "apparently", "suppose", "supposedly"}

# Markers that introduce a cause.
CAUSE_MARKERS = {"cause", "raison", "raisons", "suite", "faute", "provoquer", "provoque", "provoquee",
                 "because", "caused", "owing", "attribuer", "attribue", "attribuee", "origine", "entrainer",
                 "declencher", "motif", "due"}

# Prepositions before a place name.
PLACE_PREPOSITIONS = {"a", "en", "au", "aux", "dans", "vers", "depuis", "in", "at", "from", "near", "to"}

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000, "moitie": 0.5,
    "tiers": 1 / 3, "quart": 0.25, "double": 2, "triple": 3,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "half": 0.5, "third": 1 / 3,
    "quarter": 0.25, "dozen": 12,
}
NUMBER_SCALES = {"mille": 1e3, "thousand": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9,
                 "milliards": 1e9, "billion": 1e9, "billions": 1e9}

# English function words (the English pipeline has no tagger).
EN_STOPWORDS = set(
    "the a an and or of to in on at for with by from that this these those is are was were be been "
    "being has have had do does did it its as will would shall should can could may might must "
    "he she they we you i his her their our your them him us who whom which what when where why how "
    "there here than then so such also just into over under about after before between since until "
    "while if but because per via s".split()
)
FR_FUNCTION_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "AUX", "SPACE", "PART", "SYM", "X"}

# How a correction is worded: "les chiffres sont bien disponibles", "en réalité", "contrairement à".
# Matched on the word as written (lower case, accents kept): "maïs" is not "mais".
REBUTTALS = {"bien", "effectivement", "réalité", "contrairement", "pourtant", "toutefois", "cependant",
             "mais", "fait", "seulement", "uniquement", "actually", "fact", "however", "but", "only",
             "indeed", "contrary", "although", "instead", "plutôt", "alors"}

# Direction of change: "de plus en plus efficace" and "s'est amoindrie" say opposite things.
INCREASE = {"augmenter", "augmentation", "hausse", "hausser", "croitre", "croissance", "progresser",
            "progression", "davantage", "accroitre", "accroissement", "grimper", "monter", "renforcer",
            "ameliorer", "amelioration", "doubler", "tripler", "multiplier", "bondir", "envoler", "record",
            "superieur", "eleve", "relever", "accelerer", "etendre", "elargir",
            "increase", "increas", "rise", "rose", "grow", "grew", "growth", "more", "higher", "improve",
            "improv", "double", "surge", "soar", "jump", "expand", "strengthen", "raise", "above"}
DECREASE = {"diminuer", "diminution", "baisse", "baisser", "reculer", "recul", "chuter", "chute",
            "moins", "amoindrir", "reduire", "reduction", "affaiblir", "decliner", "declin", "degrader",
            "effondrer", "abaisser", "ralentir", "inferieur", "faible", "restreindre", "limiter",
            "amenuiser", "diviser", "contracter", "decrease", "decreas", "fall", "fell", "drop", "decline",
            "declin", "less", "fewer", "lower", "reduce", "reduc", "weaken", "shrink", "shrank", "cut",
            "below", "slow"}
# "pour" + verb, "afin de", "parce que": a purpose or cause given in place of another.
PURPOSE_MARKERS = {"pour", "afin", "car", "parce", "because", "so", "order"}

# Words after a number that are not what it counts ("3 à 0", "12 en 2024").
UNIT_STOP = {"a", "au", "aux", "de", "des", "du", "en", "et", "ou", "le", "la", "les", "sur", "par", "pour",
             "dans", "contre", "avec", "to", "in", "of", "on", "at", "by", "and", "or", "for", "the", "from"}

# Words that deny by themselves: "il est impossible que" says what "ne peut pas" says.
NEGATIVE_WORDS = {"impossible", "insuffisant", "insuffisante", "insuffisants", "insuffisantes", "incapable",
                  "inexistant", "inexistante", "absence", "impossibilite", "unable", "impossible", "insufficient",
                  "absent", "lack", "lacks", "lacking"}

# Words that relay someone else's assertion, as fact-checks quote the statement they check.
REPORTING = {"affirmer", "affirme", "assurer", "assure", "pretendre", "pretend", "clamer", "publication",
             "internaute", "internautes", "relayer", "relaye", "relayee", "partager", "partage", "partagee",
             "viral", "virale", "circuler", "circule", "rumeur", "reseaux", "affirmation", "allegation",
             "publications", "video", "image", "photo", "message", "post", "posts", "claim", "claims",
             "claimed", "claiming", "shared", "viral", "circulating", "users", "online", "rumor", "rumour",
             "alleged", "allegedly", "purported", "purportedly"}
