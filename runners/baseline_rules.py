"""Word lists and cue patterns of the baseline runner (EN and FR), matched on folded text (lowercase,
no accents, plain spaces and apostrophes: bench.normalize.text.fold). Kept apart from the extraction logic
so the rules can be read in one place."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A year-on-year comparison somewhere in the sentence.
YOY_MARKER = re.compile(
    r"(?<![a-z])(?:"
    r"year[- ]on[- ]year|year[- ]over[- ]year|y/y|yoy|y-o-y"
    r"|(?:from|than|over|on) a year (?:earlier|ago|before)|over (?:a|the past) year|than last year"
    r"|(?:on|over) the year"
    r"|qu'un an (?:plus tot|auparavant)|qu'il y a un an|que l'an dernier|que l'annee derniere"
    r"|(?:compared (?:with|to)|from|than|over|versus|vs\.?|against) (?:in |during )?(?:the )?"
    r"(?:same|corresponding) (?:period|quarter|month|half|time) (?:of |in )?"
    r"(?:(?:last|the previous|the prior|a|the) ?year(?: earlier| before)?|(?:19|20)\d{2})"
    r"|compared (?:with|to) (?:a year (?:earlier|ago)|last year|the previous year|the prior year"
    r"|(?:19|20)\d{2})"
    r"|(?:yearly|annual|year-on-year|on-year) "
    r"(?:increase|growth|rise|decline|decrease|drop|gain|fall|jump|surge)"
    r"|on an annual basis|over (?:the past |the previous |the last )?(?:12|twelve) months"
    r"|en glissement annuel|sur un an|sur une annee|sur (?:12|douze) mois|en un an|d'une annee sur l'autre"
    r"|par rapport (?:a|au) (?:la |le )?(?:meme )?(?:periode|mois|trimestre|semestre)? ?(?:de |d')?"
    r"(?:l'annee|l'an|l'exercice) (?:precedente?|derniere?|passee?)"
    r"|par rapport a (?:l'an dernier|l'annee derniere|l'an passe|l'annee passee|(?:19|20)\d{2})"
    r"|(?:que|qu'a|qu'en|qu'au cours de) (?:sur |pendant |durant |a |au cours de )?la (?:meme|periode) "
    r"(?:periode )?(?:de |d')?(?:l'(?:annee|an|exercice) (?:precedente?|derniere?|passee?)|(?:19|20)\d{2})"
    r"|(?:augmentation|hausse|croissance|baisse|diminution|progression|recul|repli|contraction) annuelle?"
    r"|en variation annuelle|en rythme annuel"
    r")(?![a-z])"
)

# A word saying the number is a change (rose, up, hausse...), looked for in the few words before it.
CHANGE_WORD = re.compile(
    r"(?<![a-z])(?:up(?! to)|down|rose|rises?|risen|rising|grew|grows?|growing|growth|grown|increas\w*"
    r"|decreas\w*|declin\w*|fell|falls?|fallen|falling|dropp?\w*|gain\w*|jump\w*|surg\w*|climb\w*|slipp?\w*|slid\w*"
    r"|plung\w*|plummet\w*|soar\w*|expan\w*|contracted|contraction|shr[aiu]nk\w*|dipp?\w*|advanc\w*|higher"
    r"|lower|boost\w*|spik\w*|tumbl\w*|sank|rebound\w*|hausse|baisse|augment\w*|diminu\w*|croissance|progress\w*"
    r"|recul\w*|repli\w*|chut\w*|bondi\w*|bond de|grimp\w*|envol\w*|flamb\w*|plong\w*|regress\w*"
    r"|accroissement|accru\w*|flechi\w*|rebondi\w*|gagn\w*|perd\w*|lost|shed|improv\w*|amelior\w*"
    r"|deteriorat\w*|deterior\w*|inferieure?s? de|superieure?s? de|ralenti\w*|slow\w*|eased|easing"
    r"|narrow\w*|cool\w*)(?![a-z])"
)
# A change of a non-percent amount: a change word then "by"/"de" right before the number.
CHANGE_BY = re.compile(CHANGE_WORD.pattern + r"\s+(?:by|of|de|d'environ|d')\s*$")

QUALIFIER_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "lower_bound",
        re.compile(
            r"(?<![a-z])(?:more than|over|above|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|topp?(?:ed|s|ing)"
            r"|at least|in excess of|upwards of|plus de|au moins|au-dela de|depass(?:e|ee|ant|ait|er|ent)"
            r"|superieure?s? a|franchi|pas moins de)\s*$"
        ),
    ),
    (
        "upper_bound",
        re.compile(
            r"(?<![a-z])(?:nearly|almost|close to|just under|under|less than|up to|pres de|presque|moins de"
            r"|jusqu'a|quasi|a peine)\s*$"
        ),
    ),
    (
        "approx",
        re.compile(
            r"(?<![a-z])(?:about|around|approximately|roughly|some|an estimated|estimated|environ|quelque"
            r"|autour de|approximativement|de l'ordre de|pres d'un|quelques)\s*$"
        ),
    ),
)

# Words after a number that make it a duration or an age, never a claim here.
AGE_BEFORE = re.compile(
    r"(?<![a-z])(?:aged|ages?|agee?s? de|ages? de|age of)\s*(?:between |entre |from |de )?$"
)
DURATION_AFTER = re.compile(
    r"^\s*-?\s*(?:years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?|days?|jours?|hours?|heures?|minutes?"
    r"|seconds?|secondes?|decades?|decennies?)(?![a-z])"
)
PHONE = re.compile(r"(?:\+\d{1,3}[ .-]?)?(?:\(?\d{2,4}\)?[ .-]){2,}\d{2,4}")
PHONE_CUE = re.compile(r"(?<![a-z])(?:tel|phone|telephone|fax|hotline)(?![a-z])|\+\d")

# A comparative between a change and its YoY marker ("8.4% more than a year earlier", "3,9 % de plus que").
COMPARATIVE = re.compile(
    r"[ ,]*(?P<cmp>more|less|fewer|higher|lower|above|below|de plus|de moins|en plus|en moins)[ ]*"
)
LESS = frozenset({"less", "lower", "below", "fewer", "de moins", "en moins"})
# A level given as the comparison base ("from 4.6% a year earlier", "contre 1,85 euro un an plus tot").
BASE_BEFORE = re.compile(
    r"(?<![a-z])(?:from|against|compared with|compared to|versus|vs\.?|after|following|contre|par rapport a"
    r"|apres)\s*"
    r"(?:about |around |some |environ |pres de )?$"
)
SAME_PERIOD_AFTER = re.compile(
    r"[ ,]*(?:in|during|over|sur|pendant|au cours de|a|au) (?:the |la |le )?(?:same|meme) "
    r"(?:period|periode|quarter|trimestre|month|mois|half|semestre) (?:of |in |de |d')?(?P<y>(?:19|20)\d\d)"
)
# A change word then "to"/"a" right before the number: the new level ("fell to 6.8%", "a recule a 6,8 %").
LEVEL_LINK = re.compile(r"(?<![a-z])(?:to|at|a|au)\s*(?:about |around |some |environ |pres de |nearly )?$")
# Counts named by their metric ("the number of jobless stood at 176,500").
NUMBER_OF = re.compile(r"(?<![a-z])(?:number of|nombre de|nombre d'|total of)")
YEAR_EARLIER_AFTER = re.compile(
    r"[ ,]*(?:(?!and |or |et |ou |in |en )[a-z]+ )?"  # a unit word the units do not read ("crowns")
    r"(?:a year (?:earlier|ago|before)|the previous year|last year|un an (?:plus tot|auparavant)"
    r"|l'an dernier|l'annee (?:derniere|precedente)"
    r"|(?:in |during |over |for )?(?:the )?same (?:period|quarter|month|half|months|time) (?:of |in |a )?"
    r"(?:the )?(?:last year|the previous year|the prior year|a year (?:earlier|before|ago))"
    r"|(?:sur |pendant |durant |au cours de |a |au |en )?(?:la |le |les )?memes? "
    r"(?:periode|trimestre|mois|semestre) (?:de |d')?(?:l'an dernier|l'annee (?:derniere|precedente)"
    r"|l'an passe|un an plus tot))(?![a-z])"
)
# A period phrase given as a comparison base ("from April 2021", "par rapport a avril 2021").
BASE_PERIOD_BEFORE = re.compile(
    r"(?<![a-z])(?:from|than|against|compared with|compared to|versus|vs\.?|contre|par rapport a"
    r"|par rapport au|qu'en|que|qu'|level with|unchanged from|flat on|stable par rapport a"
    r"|stable par rapport au|au meme niveau qu'(?:en|au)?)\s*(?:in |en |the |le |la |l')?$"
)
# A present-tense verb of a stock right before its figure ("employs about 9,800", "compte 3,2 millions de",
# "has a capacity of"): a stock the text does not date has no period (guideline 2.6).
PRESENT_STOCK_BEFORE = re.compile(
    r"(?<![a-z'])(?:employs|employ|counts|is home to|are home to|houses|has|have|emploie|emploient|compte"
    r"|comptent|abrite|abritent|dispose de|disposent de|possede|possedent|(?:has|have|with) a capacity of"
    r"|d'une capacite de)[ ]+(?:about |around |some |nearly |almost |more than |over |roughly |environ "
    r"|quelque |pres de |plus de |pres d')?$"
)
# What may stand between a comparison base and its own period phrase ("contre 5,3 % attendu en 2024",
# "against 63.2% at the end of 2023", "contre 19,9 millions lors de l'exercice 2024").
OWN_PERIOD_LEAD = re.compile(
    r"[ ,]*(?:(?:expected|forecast|projected|estimated|attendue?s?|prevue?s?|estimee?s?) )?"
    r"(?:(?:in|en|au|during|pendant|for|pour|lors de|at the end of|at end-|end-|a la fin de|a fin|fin)"
    r"(?: |(?<=-)))?(?:(?:the|l'|le|la)(?: |(?<=')))?"
)
FISCAL_WORD = re.compile(r"fiscal|financial|exercice")
# A fiscal year, then the date it ended ("the fiscal year, which ended on Dec. 31", "l'exercice, clos le").
FISCAL_ENDED_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:fiscal|financial) year|exercice(?: fiscal| budgetaire)?),? (?:which |that )?"
    r"(?:ended|ends|closed|qui s'est (?:clos|acheve|termine)|(?:clos|cloture|acheve|termine)e?)"
    r"(?: on| le| au| fin| a fin)?(?: the)? $"
)
# A period phrase dating a record, not the figure ("its highest level since 1992", "plus haut depuis 1992").
REFERENCE_PERIOD_BEFORE = re.compile(
    r"(?<![a-z])(?:highest|lowest|best|worst|strongest|weakest|fastest|slowest|biggest|largest|smallest"
    r"|first time|plus (?:haut|bas|fort|faible|eleve)|meilleure?|pire|premiere fois|jamais)"
    r"(?:[ ,]+[a-z']+){0,3}?[ ,]*(?:since|depuis|in|en)?[ ]*$"
)

# A change measured over another span than a year ("up 2.9% on the day", "sur un mois"): never YoY.
NON_YOY_AFTER = re.compile(
    r"[ ,]*(?:on the (?:day|week|month|quarter)|in (?:a|one) day|month[- ]on[- ]month"
    r"|quarter[- ]on[- ]quarter|week[- ]on[- ]week"
    r"|from the (?:previous|prior|preceding) (?:month|quarter|week|day)"
    r"|sur la (?:seance|journee|semaine)|sur un mois|sur le mois|sur le trimestre|d'un mois sur l'autre"
    r"|par rapport au (?:mois|trimestre) precedent|en (?:une|1) seance)(?![a-z])"
)

# Restatement of the previous value: ", or 4%", ", soit 4 %".
RESTATEMENT_GAP = re.compile(
    r"^\s*,?\s*(?:or|i\.e\.|soit|ou)\s*(?:about|some|around|environ|pres de|quelque)?\s*$"
)
# Where a new clause with its own subject starts: a figure on one side does not belong to the other.
CLAUSE_SPLIT = re.compile(
    r";|(?<![a-z])(?:while|whereas|tandis que|alors que)(?![a-z])|(?<![a-z])(?:tandis|alors) qu'"
)
# A pronoun right after a clause split continues the figure before it ("; elles ont progressé de 5 %").
SUBJECT_PRONOUN = re.compile(
    r"[ ]*(?:it|they|this|which|il|elle|ils|elles|ce|cela|celle-ci|celui-ci)(?![a-z'])"
)
# An agent's action whose object is the amount ("Tourists spent £310m", "a exporté 8,4 TWh"): the metric
# is the action's noun. Not after a reflexive ("s'est vendu 63 dollars": a price) nor before "for".
ACTION_NOUNS = {
    "en": {"spent": "spending", "spend": "spending", "spends": "spending", "sold": "sales",
           "exported": "exports", "imported": "imports", "invested": "investment", "borrowed": "borrowing"},
    "fr": {"depense": "dépenses", "vendu": "ventes", "exporte": "exportations", "importe": "importations",
           "investi": "investissements", "emprunte": "emprunts"},
}  # fmt: skip
ACTION_BEFORE = re.compile(
    r"(?<![a-z'])(?P<verb>[a-z]+)[ ]+(?:about |around |some |nearly |almost |more than |over |environ "
    r"|quelque |pres de |plus de |pres d')?$"
)
REFLEXIVE_BEFORE = re.compile(r"(?<![a-z])(?:s'|se )(?:est |sont |etait |etaient )?$")
RANGE_GAP = re.compile(r"^\s*(?:-|to|and|a|et|au)\s*$")

# Verbs (and auxiliaries) that end a subject noun phrase, per language.
_VERBS_EN = """
    built paid bought brought held kept led left met ran took gave got began drew drove struck stood put
    set sank shrank swelled spent lost won fell rose grew cut hit
    is are was were be been being has have had will would could should may might can do does did stood
    stands stand remained remains remain reached reaches reach hit hits totaled totalled totaling
    totalling amounted amounts amounting came comes rose rises rise rising grew grows increased
    increases decreased fell falls dropped declined climbed jumped surged slipped slid exceeded exceeds
    exceeding surpassed surpasses surpassing topped hovered reported posted recorded registered
    generated earned attracted sold produced exported imported handled created added invested allocated
    earmarked raised spent worth valued estimated expected projected forecast announced established
    opened received saw sees made makes achieved logged accounted represented represents employed
    employs hired welcomed served expanded contracted shrank gained lost plunged soared edged reaching
    hitting gaining rising falling posting recording generating producing said says told noted stated
    showed shows indicated announced cut create creates build builds add hire hires sell sells produce
    produces invest invests spend expects expect wants want seeks seek
"""
_VERBS_FR = """
    a ont avait avaient aura auront est sont etait etaient sera seront ete atteint atteignait atteignent
    depasse depassant depassait franchi totalise totalisant totalisait represente representait
    representent enregistre enregistrait affiche affichait progresse augmente recule baisse chute grimpe
    bondi genere produit exporte importe cree investi alloue leve vendu accueilli recu lance ouvert
    annonce prevu estime devrait pourrait abrite compte comptait passe passant culmine pese pesait
    emploie employait dispose connu s'eleve s'elevait s'elevent s'etablit s'etablissait s'est se sont
    s'etait etabli etablie s'etablir atteindre depasser s' se indique declare montre indiquent selon va
    vont veut prevoit compte supprimer creer investir atteindre reduit ramene creuse elargi retreci accru
    maintenu tombe remonte descendu monte stabilise inscrit eleve elevait elevent etablit etablissait
"""
VERBS = {"en": _words(_VERBS_EN), "fr": _words(_VERBS_FR)}
# Words stripped from the ends of a metric phrase (determiners, link words, qualifiers, adverbs).
EDGE_WORDS = _words(
    """it they il elle ils elles the a an its their his her this that these those our some of to at by for
    from in on with as than more over about around nearly almost approximately roughly just up also
    already still and or between l' d' qu' entre le la les l un une des du de d sa son ses leur leurs ce
    cet cette ces notre nos a au aux en par pour sur avec plus moins environ pres quelque aussi
    egalement deja encore et ou soit one two three four five six seven eight nine ten un deux trois
    quatre cinq six sept huit neuf dix"""
)
# Words stripped from the end of a metric only ("reached a record 41.2 TWh", "d'un montant total de").
TRAILING_WORDS = _words(
    "record level high low peak average total amount sum niveau pic moyenne montant somme ainsi revanche "
    "contraire stable however meanwhile instead toutefois cependant notamment ailleurs"
)
# Words after which the next word is a verb ("will climb", "has slowed", "a ralenti", "est restee").
AUXILIARIES = {
    "en": _words("will would could should may might can to has have had is are was were be been"),
    "fr": _words(
        "a ont avait avaient est sont etait etaient sera seront s' se va vont doit devrait pourrait"
    ),
}
# Words that end the noun phrase after "of"/"de" following a unit ("tonnes of crude steel in April").
OF_PHRASE_END = _words(
    "in on at for to from by last this next during over since with and or than a as en au aux a pour par sur "
    "dans depuis avec et ou que soit contre l'an cette"
)
# Where a clause starts, looking left from a number.
CLAUSE_BOUNDARY = re.compile(
    r"[,;:()\u2014\"«»]|(?<![a-z])(?:and|but|while|whereas|which|that|who|where|when|et|mais|tandis que"
    r"|alors que|qui|que|dont|ou|lorsque|according to|selon|including|notamment|among them|of which)(?![a-z])"
)
_DETERMINER_WORDS = (
    "the a an its their his her this that these those our le la les l un une des du sa son ses leur leurs "
    "ce cet cette ces"
)
# Words after which a participle is an adjective (``the added value``), not a verb.
DETERMINERS = _words(_DETERMINER_WORDS)
WORD = re.compile(r"[a-z]'|[a-z0-9]+(?:'[a-z]+)?")
# A scale word inside a number's text ("1.73 million", "2,5 Md", "12k", "two thousand").
SCALE_WORD = re.compile(
    r"(?:thousand|mille|millions?|milliards?|billions?|trillions?|mln|mn|mio|bn|bln|mds?|mrds?|tn|trn)(?![a-z])"
    r"|\d\s?[kmb](?![a-z])"
)
# Currency names that the unit vocabulary leaves ambiguous (bench.normalize.units): a number followed by one
# of them is money of an unknown currency, not a count.
AMBIGUOUS_CURRENCY = _words(
    "franc francs peso pesos dinar dinars dirham dirhams couronne couronnes crown crowns krona krone kronor "
    "kroner roupie roupies rial rials shilling shillings"
)
# Words that separate two numbers of a range, never a counted noun.
CONNECTORS = _words("and to or et a au ou")
