"""The demo house's tool library: what it lends, as the Italian desk wrote it in the catalogue.

Names, categories, brands, parts to check and loan notes are data typed at the desk, so they are
Italian and not translated. ``CATALOGUE`` has one entry per kind of tool; the small demo has one
of each (two of the few with ``copies`` above one), the large one as many as its share of 500.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ToolKind:
    name: str
    category: str
    makes: tuple[tuple[str, str], ...]  # (brand, model) of the copies, in turn
    deposit_cents: int
    loan_days: int
    components: tuple[str, ...] = ()
    copies: int = 1  # of the small demo; the large one scales ``weight``
    weight: int = 10  # how often the kind comes back in the large catalogue
    popularity: float = 1.0  # how often it is borrowed, against the others


CATALOGUE: tuple[ToolKind, ...] = (
    # Power tools ("Elettroutensili": EL-0001 ...)
    ToolKind(
        "Trapano avvitatore a batteria",
        "Elettroutensili",
        (("Bosch", "GSR 12V-15"), ("Makita", "DF333D"), ("Einhell", "TE-CD 18/2")),
        3000,
        7,
        ("valigetta", "2 batterie", "caricabatterie", "set di punte"),
        weight=30,
        popularity=2.0,
    ),
    ToolKind(
        "Trapano a percussione",
        "Elettroutensili",
        (("Bosch", "PSB 500 RE"), ("Black+Decker", "BEH550")),
        3000,
        7,
        ("valigetta", "impugnatura laterale", "asta di profondità"),
        weight=20,
        popularity=1.5,
    ),
    ToolKind(
        "Smerigliatrice angolare",
        "Elettroutensili",
        (("Makita", "GA5030R"),),
        3000,
        5,
        ("chiave per disco", "protezione"),
        weight=10,
    ),
    ToolKind("Seghetto alternativo", "Elettroutensili", (("Bosch", "PST 700 E"),), 2500, 7, ("3 lame",), weight=12),
    ToolKind(
        "Levigatrice orbitale",
        "Elettroutensili",
        (("Einhell", "TC-RS 38 E"),),
        2000,
        7,
        ("sacchetto polvere", "10 fogli abrasivi"),
        weight=10,
    ),
    ToolKind("Pistola termica", "Elettroutensili", (("Steinel", "HL 1620 S"),), 1500, 5, ("2 bocchette",), weight=6),
    ToolKind("Rivettatrice", "Utensili a mano", (("Stanley", "MR100"),), 1000, 7, weight=4),
    # Hand tools and kits ("Utensili a mano": UT-...)
    ToolKind(
        "Cassetta attrezzi completa",
        "Utensili a mano",
        (("Stanley", "STMT98109"), ("Beta", "2056E")),
        2000,
        14,
        ("martello", "6 cacciaviti", "pinze", "metro", "livella", "chiavi inglesi"),
        weight=20,
        popularity=1.5,
    ),
    ToolKind(
        "Set chiavi a bussola",
        "Utensili a mano",
        (("Beta", "900/C41"),),
        1500,
        14,
        ("cricchetto", "41 bussole"),
        weight=8,
    ),
    ToolKind("Sega a mano", "Utensili a mano", (("Bahco", "244-22"),), 0, 14, weight=6),
    ToolKind("Pinza per tubi", "Utensili a mano", (("Ridgid", "14"),), 0, 14, weight=4),
    ToolKind("Metro laser", "Utensili a mano", (("Bosch", "PLR 30 C"),), 2000, 7, ("custodia",), weight=6),
    # Ladders ("Scale": SC-...)
    ToolKind(
        "Scala in alluminio 6 gradini",
        "Scale",
        (("Facal", "Stilo 6"), ("Gierre", "Alpina")),
        2000,
        7,
        weight=15,
        popularity=1.5,
    ),
    ToolKind("Scala telescopica 3,8 m", "Scale", (("Telesteps", "Prime 3,8"),), 3000, 5, weight=6),
    ToolKind(
        "Trabattello",
        "Scale",
        (("Svelt", "Scaffold 1"),),
        5000,
        7,
        ("4 ruote con freno", "2 parapetti", "piano di lavoro"),
        weight=3,
        popularity=0.6,
    ),
    # Sewing ("Sartoria": SA-...)
    ToolKind(
        "Macchina da cucire",
        "Sartoria",
        (("Singer", "Heavy Duty 4423"), ("Brother", "CS10"), ("Necchi", "K417A")),
        5000,
        14,
        ("pedale", "cavo", "custodia", "piedini", "spolette"),
        weight=15,
        popularity=1.2,
    ),
    ToolKind(
        "Macchina taglia e cuci",
        "Sartoria",
        (("Brother", "M343D"),),
        5000,
        14,
        ("pedale", "cavo", "pinzette"),
        weight=5,
    ),
    ToolKind(
        "Ferro da stiro a caldaia", "Sartoria", (("Polti", "Vaporella 535"),), 2000, 7, ("caldaia", "tubo"), weight=4
    ),
    # Audio and video ("Audio e video": AU-...)
    ToolKind(
        "Proiettore",
        "Audio e video",
        (("Epson", "EB-W06"),),
        5000,
        3,
        ("cavo HDMI", "cavo di alimentazione", "telecomando", "borsa"),
        weight=5,
        popularity=0.8,
    ),
    ToolKind(
        "Telo per proiezioni 180 cm",
        "Audio e video",
        (("Celexon", "Tripod Economy"),),
        2000,
        3,
        ("treppiede",),
        weight=4,
        popularity=0.7,
    ),
    ToolKind(
        "Cassa amplificata con microfono",
        "Audio e video",
        (("JBL", "EON 710"),),
        5000,
        3,
        ("microfono", "cavo XLR", "asta"),
        weight=5,
    ),
    ToolKind("Prolunga avvolgibile 25 m", "Audio e video", (("Brennenstuhl", "Garant"),), 1000, 7, weight=6),
    # Parties ("Feste": FE-...)
    ToolKind(
        "Tavolo pieghevole 180 cm", "Feste", (("Lifetime", "80387"),), 1000, 3, copies=2, weight=25, popularity=1.3
    ),
    ToolKind("Panca pieghevole", "Feste", (("Lifetime", "80305"),), 500, 3, copies=2, weight=25, popularity=1.3),
    ToolKind(
        "Gazebo 3x3 m",
        "Feste",
        (("Tecnomat", "Pro 3x3"),),
        5000,
        3,
        ("telo", "4 pareti", "picchetti", "sacca"),
        weight=6,
    ),
    ToolKind("Pentolone da 50 litri", "Feste", (("Pardini", "Inox 50"),), 1000, 5, ("coperchio",), weight=4),
    ToolKind("Fornellone a gas", "Feste", (("Ompagrill", "1-45"),), 2000, 5, ("regolatore", "tubo gas"), weight=3),
    ToolKind("Macchina per zucchero filato", "Feste", (("Clatronic", "ZWM 3478"),), 2000, 3, weight=2, popularity=0.5),
    # Garden ("Giardino": GI-...)
    ToolKind(
        "Tagliasiepi elettrico",
        "Giardino",
        (("Bosch", "AHS 50-20 LI"),),
        3000,
        5,
        ("batteria", "caricabatterie", "copri lama"),
        weight=8,
    ),
    ToolKind("Tosaerba elettrico", "Giardino", (("Einhell", "GC-EM 1032"),), 4000, 5, ("cesto di raccolta",), weight=5),
    ToolKind(
        "Decespugliatore",
        "Giardino",
        (("Stihl", "FSA 57"),),
        4000,
        5,
        ("batteria", "caricabatterie", "occhiali"),
        weight=5,
    ),
    ToolKind("Vanga", "Giardino", (("Fiskars", "Solid"),), 0, 14, weight=10),
    ToolKind("Rastrello", "Giardino", (("Fiskars", "Solid"),), 0, 14, weight=10),
    ToolKind("Carriola", "Giardino", (("Haemmerlin", "Premium 90"),), 1000, 7, weight=6),
    ToolKind("Forbici da potatura", "Giardino", (("Felco", "2"),), 0, 14, weight=8),
    # Cleaning ("Pulizia": PU-...)
    ToolKind(
        "Idropulitrice",
        "Pulizia",
        (("Kärcher", "K 4 Power Control"),),
        4000,
        5,
        ("lancia", "tubo 8 m", "ugello rotante"),
        weight=6,
        popularity=1.2,
    ),
    ToolKind("Aspiratutto", "Pulizia", (("Kärcher", "WD 3"),), 3000, 5, ("tubo", "2 bocchette", "filtro"), weight=6),
    ToolKind("Pulitrice a vapore", "Pulizia", (("Polti", "Vaporetto SV440"),), 3000, 7, ("accessori",), weight=4),
    # Bicycles and outings ("Biciclette", "Campeggio")
    ToolKind(
        "Carrello per bicicletta",
        "Biciclette",
        (("Burley", "Travoy"),),
        3000,
        7,
        ("aggancio sella",),
        weight=3,
        popularity=0.6,
    ),
    ToolKind(
        "Kit riparazione bici",
        "Biciclette",
        (("Park Tool", "PK-5"),),
        1000,
        7,
        ("leve", "toppe", "pompa", "chiavi"),
        weight=5,
    ),
    ToolKind(
        "Tenda da campeggio 4 posti",
        "Campeggio",
        (("Quechua", "Arpenaz 4.1"),),
        3000,
        10,
        ("paleria", "picchetti", "sacca"),
        weight=4,
        popularity=0.7,
    ),
)

SMALL_TOOLS = sum(kind.copies for kind in CATALOGUE)

# Why a tool was retired (a reason is required), lost, or sent to repair; what a return note says.
RETIRED_REASONS = (
    "Rotto in più punti, non più sicuro",
    "Troppo consumato: sostituito da uno nuovo",
    "Riparazione più cara di uno nuovo",
)
LOST_REASONS = ("Non restituito: il prestatore non risponde più", "Smarrito durante una festa di quartiere")
REPAIR_NOTES = (
    "Non funziona più bene, da controllare",
    "Un pezzo rotto da sostituire",
    "Da pulire e revisionare",
    "Parti allentate da fissare",
)
MISSING_NOTES = (
    "Manca una punta",
    "Manca il caricabatterie: lo riporta domani",
    "Custodia rotta",
    "Manca un picchetto",
)
KEPT_REASONS = (
    "Restituito rotto per uso scorretto",
    "Pezzo mancante non più restituito",
    "Restituito con oltre un mese di ritardo",
)
LOST_KEPT_REASON = "Attrezzo non restituito"
RESERVATION_NOTES = ("Per la festa del cortile", "Trasloco", "Imbiancatura della cucina", "")
