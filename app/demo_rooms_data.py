"""The raw material of the demo house's calendar: its rooms, what groups do in them, one-off events.

The rooms are those of a Casa del Quartiere such as the Bagni Pubblici di Via Agliè: a hall that a
mobile wall splits in two halves, a tailoring workshop, a kitchen, a meeting room and a courtyard;
the large demo adds the rooms a bigger house has. Like ``demo_names``, everything here is data a
desk would have typed, so it is Italian and not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

# Room kinds, which say which activities fit a room (a "floor" is a room with a free floor: a
# half of the hall, a dance room).
HALL, FLOOR, SEWING, KITCHEN, MEETING, COURTYARD, CLASS, MUSIC, KIDS, WORKSHOP = (
    "hall",
    "floor",
    "sewing",
    "kitchen",
    "meeting",
    "courtyard",
    "class",
    "music",
    "kids",
    "workshop",
)
OUTDOOR_MONTHS = (4, 5, 6, 7, 8, 9, 10)  # the courtyard hosts events from April to October


@dataclass(frozen=True)
class RoomPlan:
    name: str
    kind: str
    capacity: int
    rate_cents: int  # per hour
    member_rate_cents: int
    colour: str  # distinct hues; the day view writes dark or white text by brightness
    equipment: str
    opening_hours: str  # notes on opening, shown to the desk as written
    spans: tuple[tuple[tuple[int, ...], tuple[tuple[time, time], ...]], ...] = ()
    """The weekly opening hours: (weekdays, spans of each of those days), 0 = Monday."""
    parent: str | None = None
    large_only: bool = False
    since_days: int = 0  # opened this many days after the house


HALL_NAME = "Sala Grande"
_WORKDAYS = (0, 1, 2, 3, 4)
_EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
_MON_SAT = (0, 1, 2, 3, 4, 5)
# Mon-Fri 9-13 and 14-23 (the lunch break is the cleaning), Saturday 9-23.
_HALL_SPANS = ((_WORKDAYS, ((time(9), time(13)), (time(14), time(23)))), ((5,), ((time(9), time(23)),)))
_HOURS = "lun–sab 9–23; domenica per feste ed eventi"
# fmt: off
ROOMS: tuple[RoomPlan, ...] = (
    RoomPlan(HALL_NAME, HALL, 100, 4000, 2500, "#b03a2e",
             "Impianto audio con due microfoni, videoproiettore e telo, 100 sedie, 20 tavoli pieghevoli", _HOURS,
             spans=_HALL_SPANS),
    RoomPlan("Sala Grande – lato cortile", FLOOR, 50, 2200, 1400, "#e67e22",
             "Metà della Sala Grande verso il cortile (parete mobile): 50 sedie, 10 tavoli, specchi", _HOURS,
             spans=_HALL_SPANS, parent=HALL_NAME),
    RoomPlan("Sala Grande – lato strada", FLOOR, 50, 2200, 1400, "#d4ac0d",
             "Metà della Sala Grande verso la strada (parete mobile): 50 sedie, 10 tavoli, palco basso", _HOURS,
             spans=_HALL_SPANS, parent=HALL_NAME),
    RoomPlan("Laboratorio di sartoria", SEWING, 14, 1200, 800, "#8e44ad",
             "6 macchine da cucire, 2 tagliacuci, ferro da stiro professionale, tavolo da taglio, manichini",
             "lun–sab 9–21", spans=((_MON_SAT, ((time(9), time(13)), (time(14), time(21)))),)),
    RoomPlan("Cucina", KITCHEN, 20, 1800, 1200, "#27ae60",
             "Cucina a 6 fuochi, forno ventilato, frigorifero e congelatore, stoviglie per 60 persone",
             "lun–dom 9–23; chi cucina lascia in portineria il nome del responsabile HACCP",
             spans=((_EVERY_DAY, ((time(9), time(23)),)),)),
    RoomPlan("Sala riunioni", MEETING, 20, 1000, 600, "#2e86c1",
             "Tavolo per 20, schermo da 55 pollici con cavo HDMI, lavagna a fogli mobili, Wi-Fi", "lun–sab 9–23",
             spans=_HALL_SPANS),
    RoomPlan("Cortile", COURTYARD, 150, 2500, 1500, "#16a085",
             "Gazebo 6×3, 10 panche, 6 tavoli da esterno, prese elettriche, fontanella",
             "aprile–ottobre 9–22; d'inverno solo per ritrovi", spans=((_EVERY_DAY, ((time(9), time(22)),)),)),
    RoomPlan("Aula studio", CLASS, 24, 800, 500, "#5d6d7e",
             "24 posti a sedere, prese a ogni tavolo, Wi-Fi, armadietti", "lun–sab 9–22",
             spans=((_MON_SAT, ((time(9), time(22)),)),), large_only=True, since_days=400),
    RoomPlan("Aula corsi", CLASS, 30, 1000, 600, "#1a5276",
             "30 sedie con ribaltina, lavagna bianca, videoproiettore", "lun–sab 9–23",
             spans=_HALL_SPANS, large_only=True, since_days=700),
    RoomPlan("Sala musica", MUSIC, 12, 1200, 800, "#c2185b",
             "Pianoforte verticale, batteria, 2 amplificatori, pannelli fonoassorbenti", "lun–dom 14–23",
             spans=((_EVERY_DAY, ((time(14), time(23)),)),), large_only=True, since_days=1100),
    RoomPlan("Ludoteca", KIDS, 25, 1000, 600, "#f1948a",
             "Tappeti, giochi da tavolo, libri per l'infanzia, fasciatoio", "lun–dom 9–20",
             spans=((_EVERY_DAY, ((time(9), time(20)),)),), large_only=True, since_days=1500),
    RoomPlan("Ciclofficina", WORKSHOP, 15, 800, 500, "#795548",
             "Banco da lavoro, cavalletti, attrezzi per bici, compressore", "lun–sab 14–21",
             spans=((_MON_SAT, ((time(14), time(21)),)),), large_only=True, since_days=1800),
    RoomPlan("Sala danza", FLOOR, 30, 1500, 1000, "#a9cce3",
             "Pavimento in legno, specchi, sbarre, impianto audio", "lun–sab 9–23",
             spans=_HALL_SPANS, large_only=True, since_days=900),
    RoomPlan("Aula informatica", CLASS, 16, 1200, 800, "#9ccc65",
             "12 computer, stampante, videoproiettore, Wi-Fi", "lun–sab 9–22",
             spans=((_MON_SAT, ((time(9), time(22)),)),), large_only=True, since_days=1300),
    RoomPlan("Sala lettura", MEETING, 20, 800, 500, "#d7bde2",
             "Biblioteca di quartiere, 4 tavoli, poltrone, prestito libri", "lun–sab 9–22",
             spans=((_MON_SAT, ((time(9), time(22)),)),), large_only=True, since_days=250),
    RoomPlan("Saletta colloqui", MEETING, 6, 500, 300, "#aab7b8",
             "Tavolo tondo per 6, porta insonorizzata", "lun–sab 9–21",
             spans=((_MON_SAT, ((time(9), time(21)),)),), large_only=True, since_days=2100),
    RoomPlan("Aula 2", CLASS, 20, 800, 500, "#85929e",
             "20 sedie con ribaltina, lavagna, carta geografica", "lun–sab 9–22",
             spans=((_MON_SAT, ((time(9), time(22)),)),), large_only=True, since_days=1000),
    RoomPlan("Sala prove", MUSIC, 8, 1000, 700, "#ff8a65",
             "Batteria, amplificatori per chitarra e basso, mixer a 8 canali", "lun–dom 15–23",
             spans=((_EVERY_DAY, ((time(15), time(23)),)),), large_only=True, since_days=1600),
)
# fmt: on

WINDOWS: dict[str, tuple[time, ...]] = {
    "morning": (time(9, 0), time(9, 30), time(10, 0)),
    "midday": (time(12, 0), time(12, 30)),
    "afternoon": (time(14, 0), time(14, 30), time(15, 0)),
    "late": (time(16, 30), time(17, 0), time(17, 30)),
    "evening": (time(18, 30), time(19, 0)),
    "night": (time(20, 30), time(21, 0)),
}
LAST_START = time(21, 30)  # the last time a group starts
LAST_END = time(23, 30)


@dataclass(frozen=True)
class Activity:
    """What a group does in a room every week (or every other week, or once a month).

    An activity with ``keywords`` is done by an organisation whose name has one of them (a choir
    sings, a Chinese association teaches Chinese); one that ``anyone`` may run goes to any
    organisation when none has such a name.
    """

    purpose: str
    kinds: tuple[str, ...]
    windows: tuple[str, ...]
    minutes: tuple[int, ...]
    people: tuple[int, int]
    keywords: tuple[str, ...] = ()
    anyone: bool = False
    monthly: bool = False


# fmt: off
ACTIVITIES: tuple[Activity, ...] = (
    Activity("Prove del coro", (HALL, FLOOR, MUSIC), ("evening", "night"), (120,), (18, 40), ("Coro", "Musica")),
    Activity("Corso di italiano per adulti", (MEETING, CLASS), ("morning", "evening"), (120,), (8, 18),
             ("Italiano", "Ponte", "Lingue"), anyone=True),
    Activity("Laboratorio di sartoria", (SEWING,), ("morning", "afternoon"), (150, 180), (6, 12),
             ("Sartoria", "Filo", "Ricamo"), anyone=True),
    Activity("Cucito creativo", (SEWING,), ("late", "evening"), (120,), (5, 12), ("Donne", "Filo", "Ricamo"),
             anyone=True),
    Activity("Cucina dal mondo", (KITCHEN,), ("late", "evening"), (150, 180), (8, 18),
             ("Cucina", "Pasta", "Senegalesi", "Peruviani", "Terra Mia"), anyone=True),
    Activity("Prove di teatro", (HALL, FLOOR), ("evening", "night"), (150,), (10, 25), ("Teatro",)),
    Activity("Danza Bollywood", (FLOOR,), ("late", "evening"), (90,), (10, 25), ("Bollywood",)),
    Activity("Danze dal mondo", (FLOOR, HALL), ("evening", "night"), (90, 120), (10, 30), ("Danze", "Peruviani")),
    Activity("Yoga per tutti", (FLOOR, CLASS), ("morning", "evening"), (90,), (8, 20), ("Yoga",), anyone=True),
    Activity("Doposcuola", (MEETING, CLASS, KIDS), ("afternoon", "late"), (120,), (8, 20),
             ("Doposcuola", "Genitori", "Istituto", "Bussola"), anyone=True),
    Activity("Scacchi al circolo", (MEETING, CLASS), ("afternoon", "evening"), (150,), (6, 16), ("Scacchi",)),
    Activity("Ginnastica dolce", (FLOOR, HALL), ("morning",), (60, 90), (10, 25), ("Cammino", "Tempo"), anyone=True),
    Activity("Lettura ad alta voce", (MEETING, KIDS), ("late",), (90,), (6, 15), ("Lettura", "Biblioteca")),
    Activity("Ciclofficina aperta", (WORKSHOP,), ("afternoon", "late"), (180,), (5, 15), ("Ciclofficina", "Bici")),
    Activity("Musica d'insieme", (MUSIC, FLOOR), ("evening", "night"), (120,), (4, 12), ("Musica", "Coro")),
    Activity("Preparazione atletica giovani", (HALL, FLOOR), ("late",), (90,), (12, 25), ("Calcio", "Pallavolo")),
    Activity("Corso di fotografia", (CLASS, MEETING), ("evening",), (120,), (6, 15), ("Fotografia",), anyone=True),
    Activity("Scuola di cinese per bambini", (CLASS, MEETING, FLOOR), ("morning", "afternoon"), (120,), (10, 20),
             ("Cinese",)),
    Activity("Corso di arabo per bambini", (CLASS, MEETING), ("morning", "afternoon"), (120,), (8, 18),
             ("Marocchina", "Wafaa")),
    Activity("Corso di bengalese", (CLASS, MEETING), ("afternoon", "late"), (90,), (8, 16), ("Bangladesh",)),
    Activity("Scuola di romeno per bambini", (CLASS, MEETING), ("afternoon",), (120,), (8, 16), ("Romena",)),
    Activity("Laboratorio per bambini", (KIDS, FLOOR), ("late",), (90,), (8, 20), ("Genitori", "Bussola", "Cortile"),
             anyone=True),
    Activity("Incontro di mutuo aiuto", (MEETING,), ("evening",), (90,), (5, 12), ("Sportello", "Arcobaleno"),
             anyone=True),
    Activity("Corso di cucina di base", (KITCHEN,), ("morning", "afternoon"), (150,), (6, 14),
             ("Bottega", "Mestieri", "Cucina"), anyone=True),
    Activity("Riunione del direttivo", (MEETING,), ("evening",), (90, 120), (5, 12), (), anyone=True, monthly=True),
    Activity("Assemblea mensile", (MEETING, FLOOR), ("evening",), (90,), (10, 30), ("Comitato", "Edo", "Union"),
             monthly=True),
    Activity("Banca del tempo: incontro dei soci", (MEETING,), ("evening",), (120,), (8, 20), ("Banca del Tempo",),
             monthly=True),
    Activity("Orto condiviso: riunione", (MEETING,), ("evening",), (90,), (6, 15), ("Orto",), monthly=True),
    Activity("Corso di inglese", (CLASS, MEETING), ("evening", "night"), (90,), (8, 18), ("Lingue", "Ponte"),
             anyone=True),
    Activity("Lezioni di chitarra", (MUSIC,), ("afternoon", "late"), (60,), (1, 4), ("Musica",), anyone=True),
    Activity("Lezioni di pianoforte", (MUSIC,), ("afternoon", "late"), (60,), (1, 3), ("Musica",), anyone=True),
    Activity("Pilates", (FLOOR,), ("morning", "evening", "night"), (60,), (8, 16), ("Yoga",), anyone=True),
    Activity("Capoeira", (FLOOR,), ("late", "evening"), (90,), (8, 20), ("Danze",)),
    Activity("Spazio 0-3 anni", (KIDS, FLOOR), ("morning",), (120,), (6, 15), ("Genitori", "Bussola"), anyone=True),
    Activity("Corso di riparazione bici", (WORKSHOP,), ("evening",), (120,), (4, 10), ("Ciclofficina", "Bici")),
    Activity("Gruppo di parola", (MEETING,), ("night",), (90,), (5, 12), ("Arcobaleno", "Sportello"), anyone=True),
)


@dataclass(frozen=True)
class OpenEnded:
    """A series booked with no end: it runs all year, holidays aside, until today and beyond. It is
    written only when an organisation with one of the ``keywords`` exists."""

    purpose: str
    room: str
    rule: str
    start: time
    minutes: int
    people: int
    keywords: tuple[str, ...]
    since_share: float  # how far into the ten years (large) or the last three (small) it began


OPEN_ENDED: tuple[OpenEnded, ...] = (
    OpenEnded("Sportello casa e lavoro", "Sala riunioni", "FREQ=WEEKLY;BYDAY=MO", time(9, 30), 180, 6,
              ("Sportello",), 0.35),
    OpenEnded("Prove del coro", "Sala Grande – lato cortile", "FREQ=WEEKLY;BYDAY=TH", time(20, 30), 120, 30,
              ("Coro",), 0.1),
    OpenEnded("Repair Café", "Sala Grande – lato strada", "FREQ=MONTHLY;BYDAY=+2SA", time(10, 0), 180, 25,
              ("Repair", "Ciclofficina"), 0.5),
    OpenEnded("Assemblea del comitato di quartiere", "Sala riunioni", "FREQ=MONTHLY;BYDAY=-1WE", time(18, 30), 90,
              18, ("Comitato",), 0.2),
    OpenEnded("Gruppo di cammino: ritrovo", "Cortile", "FREQ=WEEKLY;BYDAY=TU,FR", time(9, 0), 60, 15,
              ("Cammino",), 0.6),
    OpenEnded("Scuola di italiano per donne", "Sala Grande – lato strada", "FREQ=WEEKLY;BYDAY=MO,WE", time(9, 30),
              120, 16, ("Italiano", "Ponte", "Donne"), 0.3),
    OpenEnded("Banca del tempo: sportello", "Sala riunioni", "FREQ=WEEKLY;BYDAY=TH", time(17, 0), 90, 8,
              ("Banca del Tempo",), 0.45),
)


@dataclass(frozen=True)
class Event:
    """A one-off booking: a party, an assembly, an open day. Only events open to the neighbourhood
    are ``public`` (printed on the programme poster): a group's own meetings, rehearsals, school
    classes and private parties are not."""

    purpose: str
    kinds: tuple[str, ...]
    windows: tuple[str, ...]
    minutes: tuple[int, ...]
    people: tuple[int, int]
    weight: float
    by_person: bool = False
    public: bool = False  # on the programme poster
    weekend: bool = False  # mostly on Saturdays and Sundays
    working_days: bool = False  # from Monday to Friday only
    months: tuple[int, ...] = ()  # only in these months (all year if empty)


_SCHOOL_YEAR = (10, 11, 12, 1, 2, 3, 4, 5)
EVENTS: tuple[Event, ...] = (
    Event("Festa di compleanno", (FLOOR, HALL, COURTYARD, KIDS), ("afternoon", "late"), (180, 240), (15, 50), 8,
          by_person=True, weekend=True),
    Event("Festa di compleanno per bambini", (FLOOR, KIDS), ("late",), (120, 150), (10, 25), 2, by_person=True),
    Event("Pranzo di famiglia", (FLOOR, KITCHEN), ("midday",), (180,), (12, 40), 3, by_person=True, weekend=True),
    Event("Riunione di condominio", (MEETING,), ("evening",), (90, 120), (8, 20), 3, by_person=True),
    Event("Colloquio", (MEETING,), ("morning", "afternoon"), (60,), (2, 4), 3, by_person=True, working_days=True),
    Event("Assemblea dei soci", (HALL, FLOOR, MEETING), ("evening",), (120,), (15, 60), 4),
    Event("Riunione", (MEETING, CLASS), ("morning", "afternoon", "evening"), (60, 90, 120), (4, 15), 6),
    Event("Riunione dei volontari", (MEETING, FLOOR), ("late", "evening"), (90,), (6, 20), 3),
    Event("Incontro pubblico sul quartiere", (HALL, FLOOR), ("evening",), (120,), (30, 90), 2, public=True),
    Event("Spettacolo teatrale", (HALL,), ("evening", "night"), (150,), (40, 100), 2, weekend=True, public=True),
    Event("Concerto", (HALL, FLOOR, COURTYARD), ("evening", "night"), (120, 150), (30, 100), 2, weekend=True,
          public=True),
    Event("Prove dello spettacolo", (HALL, FLOOR, MUSIC), ("afternoon", "late"), (120, 180), (8, 25), 3),
    Event("Laboratorio per le scuole", (HALL, FLOOR, KIDS, SEWING, KITCHEN), ("morning",), (120,), (15, 28), 4,
          working_days=True, months=_SCHOOL_YEAR),
    Event("Open day del corso", (FLOOR, SEWING, KITCHEN, CLASS, MUSIC), ("afternoon", "late"), (120,), (10, 30), 3,
          months=(9, 10, 1), public=True),
    Event("Festa di fine anno", (HALL, COURTYARD), ("evening",), (180, 240), (40, 90), 2, months=(6, 12), public=True),
    Event("Presentazione del libro", (FLOOR, MEETING, HALL), ("evening",), (90, 120), (15, 45), 3, public=True),
    Event("Cena sociale", (KITCHEN, FLOOR), ("evening",), (180, 240), (15, 45), 3, weekend=True),
    Event("Mercatino del baratto", (COURTYARD, HALL), ("morning",), (240,), (30, 100), 2, weekend=True, public=True),
    Event("Proiezione e dibattito", (HALL, FLOOR), ("night",), (150,), (20, 80), 2, public=True),
    Event("Festa di quartiere", (COURTYARD,), ("afternoon",), (300,), (60, 150), 2, weekend=True, months=(5, 6, 9),
          public=True),
    Event("Corso di primo soccorso", (FLOOR, CLASS), ("morning",), (180, 240), (10, 25), 1, public=True),
    Event("Laboratorio per famiglie", (KIDS, FLOOR), ("afternoon",), (120,), (10, 25), 2, weekend=True, public=True),
    Event("Prove aperte", (MUSIC, FLOOR), ("late", "evening"), (120,), (5, 20), 2, public=True),
    Event("Estate ragazzi", (HALL, COURTYARD, KIDS), ("morning",), (180,), (20, 60), 6, working_days=True,
          months=(6, 7, 9)),
    Event("Cena dal mondo", (KITCHEN,), ("evening",), (180,), (10, 20), 3, public=True),
    Event("Torneo di scacchi", (MEETING, CLASS), ("afternoon",), (240,), (8, 20), 1, weekend=True, public=True),
    Event("Laboratorio di cucito per principianti", (SEWING,), ("afternoon", "late"), (120, 150), (4, 10), 2,
          public=True),
    Event("Lezione aperta di cucina", (KITCHEN,), ("morning", "late"), (150,), (6, 14), 2, public=True),
    Event("Sportello digitale", (CLASS, MEETING), ("morning", "afternoon"), (120,), (3, 10), 2, working_days=True,
          public=True),
    Event("Giornata di riparazione bici", (WORKSHOP, COURTYARD), ("afternoon",), (180,), (5, 20), 1, weekend=True,
          public=True),
)

NOTES: tuple[str, ...] = (
    "Servono 40 sedie e 4 tavoli",
    "Chiavi da ritirare in portineria",
    "Pulizia a cura del gruppo",
    "Serve il videoproiettore",
    "Paga con bonifico",
    "Arriva una persona in carrozzina: lasciare libero l'ingresso laterale",
    "Musica fino alle 23 al massimo",
    "Referente: chiamare prima di aprire",
)
# fmt: on

# The weekly activities open to anyone, printed on the programme poster when a group runs them.
PUBLIC_ACTIVITIES = frozenset(
    {
        "Yoga per tutti",
        "Ginnastica dolce",
        "Lettura ad alta voce",
        "Ciclofficina aperta",
        "Danze dal mondo",
        "Corso di italiano per adulti",
        "Laboratorio per bambini",
        "Scacchi al circolo",
        "Cucina dal mondo",
    }
)
