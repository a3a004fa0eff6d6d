"""The raw material of the demo house: names, streets, associations and notes.

Barriera di Milano is one of Turin's most mixed neighbourhoods, so about half of the names are
Italian (with the Southern surnames of the 1960s migration next to the Piedmontese ones) and the
rest come from the origins the desk meets every day. A few percent are written in their own script
(Arabic, Chinese, Bengali, Ukrainian Cyrillic), as a person may spell their name at the desk.

Everything here is data, not user interface: it is stored in the demo database as a desk would
have typed it, so it is not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

Names = tuple[str, ...]
# A name in its own script with the Latin spelling the person would use in an email address.
ScriptNames = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NativeScript:
    """Names of an origin written in its own script."""

    family: ScriptNames
    male: ScriptNames
    female: ScriptNames


@dataclass(frozen=True)
class Origin:
    code: str
    weight: float
    family: Names
    male: Names
    female: Names
    native: NativeScript | None = None
    native_share: float = 0.0
    # Spanish-speaking people often keep both family names ("Quispe Mamani").
    double_family_share: float = 0.0


@dataclass(frozen=True)
class FeaturedPerson:
    """A person who is always in the demo, so that demonstrations of search always work."""

    given_name: str
    family_name: str


# fmt: off
_ARABIC = NativeScript(
    family=(
        ("العلوي", "el.alaoui"), ("بناني", "bennani"), ("الإدريسي", "el.idrissi"), ("حسن", "hassan"),
        ("إبراهيم", "ibrahim"), ("منصور", "mansour"), ("الطرابلسي", "trabelsi"), ("بن صالح", "ben.salah"),
        ("محمود", "mahmoud"),
    ),
    male=(
        ("محمد", "mohamed"), ("أحمد", "ahmed"), ("يوسف", "youssef"), ("علي", "ali"), ("عمر", "omar"),
        ("حسن", "hassan"), ("خالد", "khaled"), ("كريم", "karim"),
    ),
    female=(
        ("فاطمة", "fatima"), ("خديجة", "khadija"), ("مريم", "mariam"), ("أمينة", "amina"), ("نور", "nour"),
        ("سلمى", "salma"), ("ياسمين", "yasmine"),
    ),
)

ORIGINS: tuple[Origin, ...] = (
    Origin(
        code="it", weight=50.0,
        family=(
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Caruso", "Ferrara", "Leone", "Longo", "Gentile", "Vitale", "Serra",
            "Coppola", "De Santis", "D'Angelo", "D'Amico", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
            "Bianco", "Grasso", "Messina", "Sala", "Gatti", "Pellegrino", "Palumbo", "Sanna", "Farina", "Amato",
            "Carbone", "Barone", "Caputo", "Guerra", "Palmieri", "Fiore", "De Rosa", "Basile", "Riva", "Piras",
            "Battaglia", "Orlando", "Sorrentino", "Ruggiero", "Calabrese", "Pugliese", "Lo Presti", "La Rosa",
            "Di Stefano", "Scuderi", "Nicotra", "Zappalà", "Carrà", "Cantù", "Ferrero", "Bertolino", "Giraudo",
            "Bosio", "Gribaudo", "Rosso", "Bertola", "Chiesa", "Cravero", "Audisio", "Ghione", "Operti", "Perotti",
            "Vergnano", "Allasia", "Cerutti", "Chiapello", "Rinaldi", "Martinetti", "Rolando", "Bussone",
        ),
        male=(
            "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro",
            "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele", "Giorgio", "Sergio", "Luciano",
            "Marco", "Andrea", "Luca", "Alessandro", "Matteo", "Lorenzo", "Leonardo", "Mattia", "Gabriele",
            "Riccardo", "Tommaso", "Edoardo", "Nicolò", "Niccolò", "Federico", "Davide", "Stefano", "Simone",
            "Daniele", "Emanuele", "Fabrizio", "Roberto", "Massimo", "Claudio", "Enrico", "Giacomo", "Filippo",
            "Pasquale", "Gioele", "Elia", "Diego",
        ),
        female=(
            "Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina",
            "Francesca", "Rita", "Paola", "Laura", "Giulia", "Sofia", "Aurora", "Alice", "Ginevra", "Emma",
            "Giorgia", "Beatrice", "Martina", "Chiara", "Federica", "Elena", "Sara", "Valentina", "Silvia",
            "Alessia", "Elisa", "Marta", "Noemi", "Greta", "Ludovica", "Viola", "Cristina", "Roberta", "Daniela",
            "Barbara", "Simona", "Monica", "Manuela", "Patrizia", "Nadia", "Graziella", "Rosanna", "Agnese",
        ),
    ),
    Origin(
        code="ma", weight=9.0,
        family=(
            "El Amrani", "Benali", "Alaoui", "El Idrissi", "Bennani", "Tazi", "Berrada", "Chraibi", "El Fassi",
            "Lahlou", "Ouazzani", "El Khatib", "Bouzid", "Haddad", "Boukhari", "Zerouali", "El Mansouri",
            "Belkadi", "Aït Taleb", "Benjelloun",
        ),
        male=(
            "Mohamed", "Youssef", "Ahmed", "Hamza", "Omar", "Rachid", "Karim", "Mustapha", "Abdelkader", "Hassan",
            "Said", "Khalid", "Adil", "Ayoub", "Mehdi", "Anas", "Ilyas", "Amine", "Zakaria", "Ismail",
        ),
        female=(
            "Fatima", "Khadija", "Amina", "Naima", "Malika", "Samira", "Latifa", "Hanane", "Meryem", "Salma",
            "Imane", "Sara", "Yasmine", "Nadia", "Zineb", "Souad", "Hajar", "Aya", "Nour", "Fatima Zahra",
        ),
        native=_ARABIC,
        native_share=0.15,
    ),
    Origin(
        code="ro", weight=9.0,
        family=(
            "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
            "Ciobanu", "Rusu", "Munteanu", "Constantin", "Marin", "Lungu", "Moldovan", "Florea", "Dinu", "Tudor",
            "Bălan", "Mocanu", "Sârbu", "Șerban", "Țurcanu", "Lăcătuș", "Răducanu", "Nistor", "Vasilescu",
            "Ungureanu",
        ),
        male=(
            "Andrei", "Alexandru", "Ion", "Mihai", "Ștefan", "Gheorghe", "Vasile", "Constantin", "Florin",
            "Marius", "Cătălin", "Bogdan", "Ionuț", "Răzvan", "Adrian", "Cristian", "Costel", "Nicolae", "Sorin",
        ),
        female=(
            "Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Alexandra", "Ana", "Cristina", "Gabriela",
            "Florentina", "Nicoleta", "Mădălina", "Georgiana", "Ionela", "Roxana", "Simona", "Larisa", "Bianca",
            "Ștefania", "Oana", "Raluca", "Petronela",
        ),
    ),
    Origin(
        code="ng", weight=5.0,
        family=(
            "Okafor", "Okonkwo", "Adeyemi", "Eze", "Obi", "Nwosu", "Okoro", "Adebayo", "Ogunleye", "Chukwu",
            "Nwachukwu", "Olawale", "Osagie", "Igbinosa", "Omoregie", "Aigbe", "Ehigie", "Edokpolo", "Uwaifo",
            "Obasuyi",
        ),
        male=(
            "Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ikechukwu", "Osaze", "Efosa", "Godwin", "Samuel", "Daniel",
            "Emmanuel", "Victor", "Kingsley", "Friday", "Osas", "Uche", "Chukwuemeka", "Ifeanyi",
        ),
        female=(
            "Ngozi", "Chioma", "Blessing", "Joy", "Esther", "Gift", "Osasu", "Precious", "Adaeze", "Funmilayo",
            "Folake", "Ifeoma", "Peace", "Faith", "Mercy", "Efe", "Omosede",
        ),
    ),
    Origin(
        code="sn", weight=3.0,
        family=(
            "Diop", "Ndiaye", "Fall", "Sow", "Ba", "Faye", "Gueye", "Diallo", "Mbaye", "Sarr", "Seck", "Cissé",
            "Thiam", "Diouf", "Niang", "Sy", "Kane", "Touré", "Mbengue", "Ndour",
        ),
        male=(
            "Mamadou", "Moussa", "Ousmane", "Cheikh", "Ibrahima", "Abdoulaye", "Modou", "Babacar", "Aliou",
            "Serigne", "Pape", "Lamine", "Omar", "Souleymane", "Malick",
        ),
        female=(
            "Fatou", "Aminata", "Awa", "Mariama", "Aïssatou", "Khady", "Ndeye", "Coumba", "Astou", "Rokhaya",
            "Adama", "Bineta", "Sokhna",
        ),
    ),
    Origin(
        code="eg", weight=4.0,
        family=(
            "Mahmoud", "Hassan", "Ibrahim", "Mostafa", "Abdelrahman", "El Sayed", "Farouk", "Shehata", "Abdallah",
            "Soliman", "Ramadan", "Gamal", "Fathy", "Youssef", "Nasser", "Salem", "Hegazy", "Mansour",
        ),
        male=(
            "Mohamed", "Ahmed", "Mahmoud", "Mostafa", "Amr", "Tarek", "Hany", "Sherif", "Karim", "Omar", "Islam",
            "Walid", "Ayman", "Khaled", "Ibrahim", "Youssef",
        ),
        female=(
            "Mariam", "Nour", "Heba", "Aya", "Salma", "Yasmin", "Dina", "Rania", "Mona", "Shaimaa", "Esraa",
            "Nadia", "Amira", "Doaa", "Reem",
        ),
        native=_ARABIC,
        native_share=0.15,
    ),
    Origin(
        code="tn", weight=2.0,
        family=(
            "Ben Salah", "Trabelsi", "Jebali", "Gharbi", "Hammami", "Mejri", "Chaabane", "Ayari", "Jlassi",
            "Ben Ammar", "Dridi", "Khelifi", "Mansouri", "Sassi", "Ferchichi", "Baccouche",
        ),
        male=(
            "Mohamed", "Sami", "Hichem", "Anis", "Walid", "Bilel", "Aymen", "Mehdi", "Nabil", "Slim", "Yassine",
            "Skander", "Fares", "Oussama",
        ),
        female=(
            "Amel", "Leila", "Ines", "Rim", "Sonia", "Olfa", "Hiba", "Asma", "Mariem", "Sarra", "Emna", "Wafa",
            "Nesrine",
        ),
        native=_ARABIC,
        native_share=0.15,
    ),
    Origin(
        code="cn", weight=4.0,
        # Most of Turin's Chinese families come from Zhejiang (Wenzhou, Qingtian).
        family=("Hu", "Chen", "Zhou", "Wu", "Ye", "Jin", "Pan", "Zheng", "Wang", "Li", "Zhang", "Liu", "Xu", "Lin"),
        male=("Wei", "Lei", "Jun", "Hao", "Jie", "Tao", "Ming", "Qiang", "Yong", "Bo", "Chao", "Zhiwei", "Jianhua"),
        female=("Fang", "Jing", "Li", "Ying", "Xiu", "Mei", "Hui", "Yan", "Xiaoli", "Lina", "Na", "Min", "Yuxin"),
        native=NativeScript(
            family=(
                ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("胡", "hu"),
                ("周", "zhou"), ("吴", "wu"), ("叶", "ye"), ("郑", "zheng"), ("金", "jin"), ("潘", "pan"),
            ),
            male=(
                ("伟", "wei"), ("磊", "lei"), ("军", "jun"), ("浩", "hao"), ("杰", "jie"), ("强", "qiang"),
                ("志伟", "zhiwei"), ("建华", "jianhua"),
            ),
            female=(
                ("芳", "fang"), ("静", "jing"), ("丽", "li"), ("英", "ying"), ("秀英", "xiuying"), ("美玲", "meiling"),
                ("慧", "hui"), ("燕", "yan"), ("娜", "na"),
            ),
        ),
        native_share=0.40,
    ),
    Origin(
        code="pe", weight=3.0,
        family=(
            "Quispe", "Flores", "Sánchez", "Rodríguez", "García", "Rojas", "Huamán", "Mendoza", "Torres",
            "Ramírez", "Chávez", "Vásquez", "Gutiérrez", "Mamani", "Castillo", "Espinoza", "Díaz", "Vargas",
            "Condori", "Paredes",
        ),
        male=(
            "José", "Luis", "Carlos", "Jorge", "Juan", "Miguel", "Jesús", "Víctor", "César", "Julio", "Óscar",
            "Renzo", "Diego", "Kevin",
        ),
        female=(
            "María", "Rosa", "Carmen", "Ana", "Lucía", "Milagros", "Yesenia", "Sofía", "Gladys", "Rocío", "Flor",
            "Elizabeth", "Mariela", "Katherine",
        ),
        double_family_share=0.5,
    ),
    Origin(
        code="ec", weight=2.0,
        family=(
            "Zambrano", "Cedeño", "Vera", "Moreira", "Mero", "Macías", "Álvarez", "Andrade", "Jaramillo",
            "Morales", "Ortiz", "Pazmiño", "Chiriboga", "Bravo", "Villacís", "Cevallos", "Intriago", "Loor",
        ),
        male=(
            "Byron", "Jefferson", "Wilson", "Édison", "Fausto", "Galo", "Santiago", "Andrés", "Xavier", "Freddy",
            "Patricio", "Mateo", "Joel",
        ),
        female=(
            "Jessica", "Maritza", "Verónica", "Johanna", "Gabriela", "Fernanda", "Paola", "Daniela", "Mayra",
            "Nathaly", "Doménica", "Valeria", "Tatiana",
        ),
        double_family_share=0.4,
    ),
    Origin(
        code="al", weight=3.0,
        family=(
            "Hoxha", "Shehu", "Gjoka", "Leka", "Kola", "Dervishi", "Çela", "Basha", "Marku", "Prifti", "Hysa",
            "Kuka", "Berisha", "Krasniqi", "Gashi", "Brahimi", "Daci", "Meta", "Xhafa", "Dushku",
        ),
        male=(
            "Arben", "Besnik", "Ilir", "Gentian", "Erion", "Klodian", "Ardit", "Dritan", "Fatmir", "Agron",
            "Blerim", "Elton", "Endrit", "Luan", "Altin",
        ),
        female=(
            "Elira", "Ardita", "Blerina", "Anila", "Mirela", "Jonida", "Fjoralba", "Klaudia", "Eni", "Dorina",
            "Valbona", "Albana", "Ledia", "Xhulia", "Ermira", "Drita",
        ),
    ),
    Origin(
        code="bd", weight=2.0,
        family=("Hossain", "Rahman", "Islam", "Ahmed", "Uddin", "Khan", "Chowdhury", "Miah", "Sarkar", "Haque", "Alam"),
        male=(
            "Mohammad", "Abdul", "Rafiq", "Kamal", "Jamal", "Shafiq", "Nazmul", "Rashed", "Tanvir", "Sajid",
            "Imran", "Riyad", "Sumon", "Arif",
        ),
        female=(
            "Nasrin", "Fatema", "Rina", "Shirin", "Sultana", "Taslima", "Rumana", "Jannat", "Sumaiya", "Nusrat",
            "Farzana", "Tania",
        ),
        native=NativeScript(
            family=(
                ("হোসেন", "hossain"), ("রহমান", "rahman"), ("ইসলাম", "islam"), ("আহমেদ", "ahmed"), ("খান", "khan"),
                ("চৌধুরী", "chowdhury"),
            ),
            male=(("রফিক", "rafiq"), ("কামাল", "kamal"), ("ইমরান", "imran"), ("আরিফ", "arif"), ("তানভীর", "tanvir")),
            female=(
                ("নাসরিন", "nasrin"), ("শিরিন", "shirin"), ("সুলতানা", "sultana"), ("ফারজানা", "farzana"),
                ("তানিয়া", "tania"),
            ),
        ),
        native_share=0.25,
    ),
    Origin(
        code="rs", weight=1.5,
        family=(
            "Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković",
            "Pavlović", "Popović", "Živković", "Todorović", "Kostić", "Ristić", "Lazić", "Đukić", "Mitrović",
            "Savić", "Babić",
        ),
        male=(
            "Nikola", "Marko", "Stefan", "Luka", "Miloš", "Đorđe", "Aleksandar", "Nemanja", "Dragan", "Zoran",
            "Goran", "Dejan", "Vuk", "Dušan", "Bojan",
        ),
        female=(
            "Milica", "Jelena", "Ana", "Marija", "Jovana", "Ivana", "Dragana", "Snežana", "Tijana", "Katarina",
            "Sanja", "Mirjana", "Vesna", "Nataša",
        ),
    ),
    Origin(
        code="ua", weight=2.0,
        family=(
            "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Melnyk", "Shevchuk",
            "Polishchuk", "Boyko", "Lysenko", "Moroz", "Savchenko", "Rudenko", "Koval", "Marchenko",
        ),
        male=(
            "Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Mykola", "Dmytro", "Yuriy", "Taras", "Bohdan", "Ivan",
            "Vasyl", "Oleh",
        ),
        female=(
            "Olena", "Oksana", "Nataliya", "Iryna", "Tetiana", "Svitlana", "Halyna", "Yuliia", "Kateryna", "Mariia",
            "Anastasiia", "Liudmyla", "Viktoriia",
        ),
        native=NativeScript(
            family=(
                ("Шевченко", "shevchenko"), ("Коваленко", "kovalenko"), ("Бондаренко", "bondarenko"),
                ("Ткаченко", "tkachenko"), ("Мельник", "melnyk"), ("Бойко", "boyko"), ("Мороз", "moroz"),
                ("Лисенко", "lysenko"),
            ),
            male=(
                ("Олександр", "oleksandr"), ("Андрій", "andriy"), ("Сергій", "serhiy"), ("Дмитро", "dmytro"),
                ("Тарас", "taras"), ("Богдан", "bohdan"),
            ),
            female=(
                ("Олена", "olena"), ("Оксана", "oksana"), ("Ірина", "iryna"), ("Тетяна", "tetiana"),
                ("Світлана", "svitlana"), ("Наталія", "nataliia"), ("Юлія", "yuliia"),
            ),
        ),
        native_share=0.30,
    ),
)
# Every woman's given name above (no name is in both lists): the people have no gender of their
# own, so the demo's visits tell the desk the one their name was drawn for.
FEMALE_NAMES = frozenset(
    name
    for origin in ORIGINS
    for name in (*origin.female, *(native for native, _latin in (origin.native.female if origin.native else ())))
)

FEATURED_PEOPLE: tuple[FeaturedPerson, ...] = (
    FeaturedPerson("Nicolò", "Ferrero"),
    FeaturedPerson("Niccolò", "Rinaldi"),
    FeaturedPerson("Mattia", "De Luca"),
    FeaturedPerson("Federica", "D'Amico"),
    FeaturedPerson("Milica", "Đorđević"),
    FeaturedPerson("Dušan", "Jovanović"),
    FeaturedPerson("Ștefania", "Lăcătuș"),
    FeaturedPerson("Ngozi", "Okafor"),
    FeaturedPerson("محمد", "العلوي"),
    FeaturedPerson("فاطمة", "بناني"),
    FeaturedPerson("芳", "王"),
    FeaturedPerson("伟", "李"),
    FeaturedPerson("নাসরিন", "হোসেন"),
    FeaturedPerson("Олена", "Шевченко"),
)

# The privacy notices the house has used (start, version); in 2023 everyone signed the new one again.
NOTICES: tuple[tuple[date, str], ...] = (
    (date(2018, 5, 25), "2018-1"), (date(2023, 1, 9), "2023-1"), (date(2025, 1, 7), "2025-1"),
)
RENEWAL = date(2023, 1, 9)
MOBILE_PREFIXES: Names = (
    "320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "338", "339", "340", "342", "345",
    "346", "347", "348", "349", "350", "351", "366", "370", "371", "377", "388", "389", "391", "392", "393",
)
EMAIL_DOMAINS: Names = ("example.org", "example.com")

# Streets of Barriera di Milano and Borgo Vittoria, with their postcode.
STREETS: tuple[tuple[str, str], ...] = (
    ("Via Agliè", "10154"), ("Corso Giulio Cesare", "10154"), ("Via Cigna", "10155"), ("Piazza Foroni", "10154"),
    ("Via Sempione", "10154"), ("Via Montanaro", "10154"), ("Corso Palermo", "10152"), ("Via Bologna", "10154"),
    ("Via Cervino", "10155"), ("Via Malone", "10154"), ("Via Baltea", "10154"), ("Via Leinì", "10155"),
    ("Corso Vercelli", "10155"), ("Via Brandizzo", "10154"), ("Via Chatillon", "10154"), ("Via Courmayeur", "10154"),
    ("Via Monterosa", "10154"), ("Corso Novara", "10154"), ("Via Mottalciata", "10154"), ("Via Crescentino", "10154"),
    ("Largo Giulio Cesare", "10154"), ("Piazza Crispi", "10154"), ("Via Petrella", "10154"), ("Via Feletto", "10154"),
    ("Via Stradella", "10147"), ("Corso Vigevano", "10155"),
)

# Organisation kinds are the values of app.services.organisations.OrganisationKind.
ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Associazione Culturale Barriera Viva", "association"), ("Gruppo Teatro Agliè", "informal_group"),
    ("Comitato Genitori Scuola Sabin", "informal_group"), ("Cooperativa Sociale Il Cortile", "cooperative"),
    ("ASD Barriera Calcio Giovani", "association"), ("Associazione Donne Senegalesi di Torino", "association"),
    ("Coro Multietnico Voci di Barriera", "informal_group"),
    ("Associazione Italo-Marocchina Al Wafaa", "association"),
    ("Cooperativa Sociale Bottega dei Mestieri", "cooperative"), ("Istituto Comprensivo Torino II", "public_body"),
    ("Gruppo di Cammino Dora e Stura", "informal_group"), ("Associazione Comunità Romena di Barriera", "association"),
    ("Orto Condiviso di Via Cigna", "informal_group"), ("Banca del Tempo Barriera di Milano", "association"),
    ("ODV Sportello Casa e Lavoro", "association"), ("Scuola di Italiano per Donne Il Ponte", "association"),
    ("Circolo Scacchi Piazza Foroni", "informal_group"), ("Cooperativa Sociale Arcobaleno", "cooperative"),
    ("Associazione Genitori Peruviani in Piemonte", "association"), ("Repair Café Barriera", "other"),
    ("Biblioteca civica Primo Levi", "public_body"), ("Gruppo Lettura Ad Alta Voce", "informal_group"),
    ("Associazione Cinese Zhejiang di Torino", "association"), ("APS Sartoria Sociale Filo Rosso", "association"),
    ("Comitato di Via Sempione", "informal_group"), ("Associazione Nigeriana Edo Union Torino", "association"),
    ("Gruppo Danza Bollywood Barriera", "informal_group"), ("Cooperativa Sociale La Bussola", "cooperative"),
    ("Associazione Bangladesh Samity Torino", "association"), ("Ciclofficina Popolare Barriera", "other"),
)

# Parts from which more organisations are made for the large demo.
ORGANISATION_FORMS: tuple[tuple[str, str], ...] = (
    ("Associazione Culturale", "association"),
    ("APS", "association"),
    ("ODV", "association"),
    ("Cooperativa Sociale", "cooperative"),
    ("Gruppo", "informal_group"),
    ("Collettivo", "informal_group"),
    ("Laboratorio", "other"),
)
ORGANISATION_THEMES: Names = (
    "Il Ponte", "La Piazza", "Il Filo", "Porte Aperte", "Mani in Pasta", "Terra Mia", "Il Mosaico", "Radici",
    "Nuovi Orizzonti", "Il Girasole", "La Tenda", "Passaparola", "Il Cerchio", "Semi di Pace", "L'Officina",
    "Bici e Bulloni", "Teatro di Quartiere", "Danze dal Mondo", "Cucina Insieme", "Musica Libera", "Doposcuola",
    "Lingue in Gioco", "Orto in Barriera", "Pallavolo", "Yoga per Tutti", "Fotografia di Strada", "Ricamo",
    "Memoria Operaia", "Cinema all'Aperto", "Genitori Insieme",
)
ORGANISATION_PLACES: Names = (
    "Barriera", "Via Agliè", "Piazza Foroni", "Giulio Cesare", "Dora", "Stura", "Via Cigna", "Borgo Vittoria",
    "Aurora", "Regio Parco", "Falchera", "Torino Nord",
)
# Words that say what kind of body an organisation is, left out of its email address.
GENERIC_WORDS = frozenset((
    "a", "aps", "asd", "associazione", "collettivo", "comitato", "cooperativa", "culturale", "d", "dei", "del",
    "della", "delle", "di", "e", "gruppo", "il", "in", "l", "la", "laboratorio", "le", "odv", "per", "sociale",
))
# fmt: on

NOTES: Names = (
    "Usa le docce il martedì e il venerdì mattina.",
    "Parla arabo e francese: può aiutare come interprete allo sportello.",
    "Fa volontariato al doposcuola il giovedì.",
    "Preferisce le telefonate nel pomeriggio.",
    "Ha chiesto informazioni sul corso di italiano per adulti.",
    "Porta il tè per il gruppo del sabato.",
    "Segue il laboratorio di sartoria.",
    "Chiede sempre del prestito del trapano.",
    "Disponibile per le pulizie dell'orto condiviso.",
    "Numero di telefono della figlia: chiamare lei in caso di necessità.",
)

ORGANISATION_NOTES: Names = (
    "Usa la sala grande il mercoledì sera.",
    "Ritira le chiavi in portineria: restituirle entro le 22.",
    "Contributo per le sale pagato a trimestre.",
    "Organizza la festa di quartiere a giugno.",
)
