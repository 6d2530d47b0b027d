"""Word lists for band names and titles: plain English that reads like pop music."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADJECTIVES = _words(
    """
Electric Golden Silver Hollow Quiet Wild Broken Burning Secret Distant Gentle Midnight
Velvet Crimson Paper Glass Neon Lonely Restless Bright Northern Southern Sleeping Silent
Faded Hidden Frozen Endless Holy Little Lost Lucky Modern Perfect Purple Scarlet Sweet
Tender Violet Wandering Wicked Young Ancient Blue Black White Cold Dark Easy Final Last
Open Pale Rising Secondhand Strange Sudden Tiny Vivid Warm Western Empty Crystal Fragile
"""
)

NOUNS = _words(
    """
Heart River Night Summer Fire Ocean Mirror Garden Shadow Light Stone Dream Window Road
City Storm Star Moon Sun Rain Snow Season Signal Echo Harbour Island Kingdom Machine
Memory Mountain Orchard Paradise Pilot Radio Satellite Silence Sky Station Symphony
Thunder Tide Valley Voice Wave Wire Winter Wolf Youth Horizon Lantern Anthem Avenue
Balloon Canyon Carousel Cathedral Circus Compass Crown Desert Diamond Engine Feather
Frontier Ghost Harvest Highway Lighthouse Meadow Parade Planet Prism Riot Ritual Saint
Sparrow Tower Tunnel Velvet Volcano Wilderness Cassette Postcard Telescope Skyline
"""
)

PLURALS = _words(
    """
Lanterns Wolves Sparrows Satellites Strangers Comets Pilots Horses Architects Ghosts
Machines Rivers Dreamers Echoes Owls Foxes Stones Tigers Shadows Lovers Saints Thieves
Kings Arrows Cousins Neighbours Magicians Swimmers Astronauts Mariners Ravens Embers
Drifters Runaways Sirens Monarchs Orphans Vandals Wanderers Hearts Beacons Lions
"""
)

VERBS = _words(
    """
Run Dance Fall Hold Burn Breathe Shine Wait Wake Drive Follow Remember Forget Carry
Chase Dream Fly Hide Hurry Leave Listen Love Move Rise Sing Stay Stop Talk Touch Turn
Walk Call Shake Cry Pray Kiss Lose Save Swim Wish
"""
)

PLACES = _words(
    """
Berlin Lisbon Tokyo Memphis Brooklyn Paris Dublin Glasgow Manchester Oslo Reykjavik
Havana Marseille Detroit Nashville Brighton Vienna Naples Seville Montreal Kyoto Osaka
Melbourne Auckland Lagos Rio Chicago Helsinki Amsterdam Barcelona Prague Budapest
"""
)

NUMBERS = _words("Two Three Four Five Seven Nine Ten Twelve Thirteen Hundred Thousand")

# Band name endings for jazz and classical ensembles.
ENSEMBLES = ("Trio", "Quartet", "Quintet", "Sextet", "Ensemble", "Orchestra", "Band")
CLASSICAL_ENSEMBLES = (
    "Chamber Orchestra",
    "Philharmonic",
    "Symphony Orchestra",
    "String Quartet",
    "Baroque Ensemble",
    "Consort",
    "Choir",
)
COMPOSERS = _words(
    """
Bach Beethoven Mozart Brahms Schubert Dvořák Debussy Ravel Sibelius Grieg Chopin
Tchaikovsky Mahler Händel Vivaldi Haydn Satie Fauré Elgar Janáček Saint-Saëns
"""
)
FORMS = ("Symphony", "Piano Concerto", "Violin Concerto", "String Quartet", "Sonata", "Suite")
KEYS = (
    "C major",
    "C minor",
    "D major",
    "D minor",
    "E-flat major",
    "E minor",
    "F major",
    "G major",
    "G minor",
    "A major",
    "A minor",
    "B-flat major",
)
MOVEMENTS = (
    "Allegro",
    "Allegro con brio",
    "Adagio",
    "Andante",
    "Andante cantabile",
    "Largo",
    "Menuetto",
    "Scherzo. Presto",
    "Rondo. Allegro",
    "Finale. Allegro vivace",
    "Moderato",
    "Lento",
)
# Accented single-name and stage names, so that search must fold accents.
STAGE_NAMES = _words(
    """
Björk Beyoncé Rosalía Mø Zoë Sinéad Chloé Renée Ségolène Anaïs Mélanie Zaz Aurélie
Jónsi Sigrún Dagný Ásgeir Søren Bjørn Raphaël Amélie Noémie Łucja Dvořák Øya Émilie
"""
)
