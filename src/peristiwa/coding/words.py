"""The word lists the argument rules read (prepositions, pronouns, cue words, reaches).

Data, not logic: each list says in its comment why the rules need it. Clause boundaries are
shared with modality (coding/clauses.py); code tables per CAMEO prefix are in coding/frames.py.
"""

from __future__ import annotations

import re

from peristiwa.coding.clauses import CLAUSE_WORDS, SUBJECT_SHARING_SUBORDINATORS

# Tokens that end the search for an event's arguments: a subject is never found across them.
CLAUSE_BREAK_WORDS = CLAUSE_WORDS

LEFT_STOP_PREPS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dalam",
        "pada",
        "kepada",
        "terhadap",
        "oleh",
        "antara",
        "dengan",
        "bagi",
        "tentang",
        "soal",
        "atas",
    ]
)

PUNCT_BREAKS = frozenset(",;:()[]\"“”'‘’–—-?!")

# An actor after these is where something happens, not who it happens to ("konflik di Ukraina").
LOCATIVE_PREPS = frozenset({"di", "dari", "pada", "dalam", "sejak"})

PLACE_PREPS = frozenset({"di", "ke", "menuju"})

ALL_PREPS = LEFT_STOP_PREPS | {"untuk", "bersama", "melawan", "menuju"}

COORD_WORDS = frozenset({"dan", "serta", ",", "maupun", "juga"})

ACT_AGENT_REACH = 12

# Verbs whose object event noun is judged or reported, not done, by their subject.
ASSESSING_VERBS = frozenset(
    {
        "menilai", "menganggap", "menyebut", "menyebutkan", "mengatakan", "menyatakan", "mengecam",
        "mengutuk", "mengkritik", "menyesalkan", "menyoroti", "mempertanyakan", "membantah", "melaporkan",
        "menolak", "menentang", "memprotes", "menyampaikan", "mengungkapkan", "menjelaskan", "menegaskan",
    }
)

KIND_NOUNS = frozenset({"segala", "bentuk", "jenis", "macam"})  # "segala bentuk pengusiran"

QUANTIFIERS = frozenset({"para", "sejumlah", "beberapa", "puluhan", "ratusan", "ribuan", "seluruh", "semua"})

RELATIVE_OBJECT_REACH = 4  # tokens of object noun phrase between a trigger and its "yang" clause

RECIPIENT_PREPS = ("ke", "kepada", "terhadap", "bagi")

# Verbs of a ruling body whose complement clause states the ruling ("memutuskan X terbukti ...").
RULING_VERBS = frozenset({"memutuskan", "menyatakan", "menetapkan", "memvonis"})

ATTACK_ROOTS = frozenset({"serang", "tembak", "bom", "gempur", "invasi", "agresi", "bombardir"})

# Verbs of a relative clause on an attack that name whom it hit ("perang, yang menewaskan X").
VICTIM_VERBS = frozenset(
    {"menewaskan", "melukai", "membunuh", "menghancurkan", "merusak", "menargetkan", "menyasar", "menimpa"}
)

# Verbs whose object event the subject brokered between others ("menengahi perjanjian").
MEDIATE_ROOTS = frozenset({"tengah", "mediasi", "fasilitasi", "perantara"})

MEDIATE_WORDS = frozenset({"menengahi", "memediasi", "memfasilitasi", "memperantarai"})

CONDITION_WORDS = frozenset({"jika", "kalau", "apabila", "bila", "seandainya", "andaikan"})

AUTHORITY_ROLES = frozenset({"COP", "JUD"})

# Roles that report on or watch a story rather than take a side in it.
SIDELINE_ROLES = frozenset({"MED", "SPY"})

COMPLEMENT_GLUE = frozenset(
    [
        "untuk",
        "agar",
        "supaya",
        "akan",
        "segera",
        "dapat",
        "bisa",
        "tidak",
        "tak",
        "mau",
        "ingin",
        "demi",
        "guna",
        "bahwa",
        "kembali",
        "terus",
        # aspect and focus words, which the tagger sometimes takes for nouns ("tengah menjajaki")
        "tengah",
        "sedang",
        "telah",
        "sudah",
        "masih",
        "belum",
        "pernah",
        "juga",
    ]
)

# Head nouns that stand in apposition before an actor's name ("kelompok Houthi", "pihak Israel").
CLASSIFIER_NOUNS = frozenset(
    [
        "kelompok",
        "pihak",
        "kubu",
        "otoritas",
        "negara",
        "organisasi",
        "gerakan",
        "milisi",
        "faksi",
        "rezim",
        "pemerintahan",
        "kantor",
        "kementerian",
        "lembaga",
        "badan",
        "pasukan",
        "tentara",
        "militer",
        "warga",
        "delegasi",
        "aliansi",
        "koalisi",
    ]
)

SPORTS_CUES = frozenset(
    [
        "timnas",
        "gol",
        "laga",
        "pertandingan",
        "skor",
        "babak",
        "klub",
        "liga",
        "turnamen",
        "pelatih",
        "striker",
        "kiper",
        "bek",
        "gelandang",
        "juara",
        "final",
        "semifinal",
        "penalti",
        "stadion",
        "piala",
        "pebulu",
        "tangkis",
        "bulu",
        "tangkis",
    ]
)

PAIR_WORDS = {"kedua", "keduanya"}

# Words that open the clause an appeal or demand asks for ("meminta agar X ..."): its subject is
# the one asked.
COMPLEMENTIZERS = frozenset({"agar", "supaya"})

# A sentence that opens with one of these and ends in "?" asks a question: no event is reported.
QUESTION_WORDS = frozenset(
    {"mengapa", "kenapa", "apakah", "apa", "bagaimana", "siapa", "kapan", "dimana", "akankah"}
)

# Labels that open a line pointing to other content, not reporting: a related article's headline
# ("Baca juga: Prabowo Bertemu Xi"), an editor's pick, a video, a caption credit. Outlets put them
# inside the text; the headline after the colon is another article's and is never coded here.
RELATED_LINK_CUES = (
    "baca juga", "baca pula", "simak juga", "simak video", "simak berita", "lihat juga", "tonton juga",
    "tonton video", "saksikan video", "saksikan juga", "pilihan editor", "artikel terkait",
    "berita terkait", "berita lainnya", "baca selengkapnya", "baca artikel", "video", "foto",
    "infografis", "klik", "gambas",
)

# Verbs whose object is an act done to the subject ("mendapat kritik dari X": X criticised the
# subject), each seen before "<event noun> dari/oleh" in the news corpus.
RECEIVING_VERBS = frozenset(
    {"menerima", "mendapat", "mendapatkan", "memperoleh", "menuai", "dihujani", "kebanjiran", "beroleh"}
)

# Conjunctions that open a subordinate clause; one with no subject of its own shares the main one's.
SUBORDINATORS = SUBJECT_SHARING_SUBORDINATORS

# Relatives: "putri Presiden Soekarno" is someone else than the president.
KIN_NOUNS = frozenset(
    {"putri", "putra", "anak", "istri", "suami", "ayah", "ibu", "adik", "kakak", "cucu", "menantu"}
)

# Honorifics before a name in an apposition ("Perdana Menteri Inggris, Sir Keir Starmer, ...").
HONORIFICS = frozenset(
    {"sir", "dame", "lord", "tuan", "nyonya", "monsieur", "madame", "syekh", "sheikh", "dr", "prof"}
)

PERSON_PRONOUNS = frozenset({"ia", "dia", "beliau", "dirinya"})

# "baginya, X harus ...": the view of the person named last, who demands it
PERSPECTIVE_PRONOUNS = frozenset({"baginya", "menurutnya"})

# "Kami menghargai putusan itu," kata Surya: the first person is the quoted speaker.
FIRST_PERSON = frozenset({"kami", "saya", "aku", "kita"})

# Words _mentions resolves to actors named elsewhere.
# "negaranya menyampaikan keprihatinan": the state of the one speaking
OWN_STATE_WORDS = frozenset({"negaranya", "pemerintahnya"})

REFERRING_WORDS = FIRST_PERSON | PERSON_PRONOUNS | PAIR_WORDS | OWN_STATE_WORDS

GROUP_NOUN_KIND = {
    "negara": "country",
    "pihak": "any",
    "belah": "any",
    "pemimpin": "person",
    "pemerintah": "country",
    "menteri": "person",
    "presiden": "person",
    "kepala": "person",
    "tokoh": "person",
}

# A verb right after these heads a purpose or manner clause whose subject is the main clause's.
CONTROL_WORDS = frozenset({"untuk", "dengan", "sambil", "seraya", "guna", "demi"})

# Words that open a list naming what the noun before them stands for.
APPOSITIVE_WORDS = frozenset({"yakni", "yaitu", "termasuk", "seperti", "misalnya", "antaranya"})

TIME_BREAK_PUNCT = frozenset({";", '"', "“", "”", "?", "!"})

# Words that put an obligation on the subject of the verb after them ("Presiden harus ...").
# Advice words: "X perlu / sebaiknya ..." said of another is an appeal (CAMEO 02), where "harus"
# is a demand (10), as the gold annotations of dev + train code them (10 of 10 "harus" -> 10,
# 4 of 4 "perlu" / "sebaiknya" -> 02).
SOFT_OBLIGATION_WORDS = frozenset({"perlu", "sebaiknya", "hendaknya", "sepatutnya", "patut"})
OBLIGATION_WORDS = frozenset(
    {"harus", "seharusnya", "semestinya", "wajib", "mesti", "mestinya"} | SOFT_OBLIGATION_WORDS
)

PERSPECTIVE_WORDS = frozenset({"bagi", "menurut"})  # "bagi saya, X harus ...": whose view

# Role words that after a common noun describe it ("operasi militer", "pangkalan militer"):
# military things, not the military as an actor.
ADJECTIVAL_ROLE_WORDS = frozenset({"militer"})

# Role nouns too generic to stand for the country in focus when no country is named.
GENERIC_ROLES = frozenset({"CVL", "BUS", "MED"})

HEADING_MAX_TOKENS = 6

ANAPHORIC_DETERMINERS = frozenset({"tersebut", "itu", "ini"})

LEDE_REFERENCE_REACH = 4  # words of the lede's next sentence in which it must refer back

NAMED_OFFICIAL_REACH = 8  # capitalised words after an office that may end in a name

RELATIVE_CLAUSE_REACH = 6  # tokens between a "yang" and a preposition inside its clause

HEADING_LEAD = re.compile(r"\s*(?:\d{1,2}[.)]|[-\u2022*])?\s*")

NOMINAL_PREP_REACH = 5  # tokens between an event noun and the preposition of its target

# Linking verbs after an event noun: what follows describes it and its phrases are not the noun's.
PREDICATE_VERBS = frozenset(
    {"merupakan", "adalah", "ialah", "menunjukkan", "membuktikan", "mencerminkan", "menandai"}
)

MAX_WINDOW = 150  # tokens; longer "sentences" are coded in windows (see _windows)

MAX_ARG_DISTANCE = 16  # tokens between a trigger and a target it governs; beyond, a guess is worse than none
