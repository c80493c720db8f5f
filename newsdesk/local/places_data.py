"""The places newsdesk starts with: South Africa's provinces and main cities, and some
world cities. Used by the data migration and by ``places_seed`` (tests, demo)."""

ZA = "South Africa"
JHB = "Africa/Johannesburg"

# (slug, name, latitude, longitude): provinces, at their capital or centre.
REGIONS = [
    ("gauteng", "Gauteng", -26.2041, 28.0473),
    ("western-cape", "Western Cape", -33.9249, 18.4241),
    ("kwazulu-natal", "KwaZulu-Natal", -29.6006, 30.3794),
    ("eastern-cape", "Eastern Cape", -32.2968, 26.4194),
    ("free-state", "Free State", -29.0852, 26.1596),
    ("limpopo", "Limpopo", -23.9045, 29.4689),
    ("mpumalanga", "Mpumalanga", -25.4753, 30.9694),
    ("north-west", "North West", -25.8560, 25.6403),
    ("northern-cape", "Northern Cape", -28.7282, 24.7499),
]

# (slug, name, region slug, latitude, longitude)
CITIES = [
    ("johannesburg", "Johannesburg", "gauteng", -26.2041, 28.0473),
    ("pretoria", "Pretoria", "gauteng", -25.7479, 28.2293),
    ("soweto", "Soweto", "gauteng", -26.2485, 27.8540),
    ("ekurhuleni", "Ekurhuleni", "gauteng", -26.1777, 28.3462),
    ("cape-town", "Cape Town", "western-cape", -33.9249, 18.4241),
    ("stellenbosch", "Stellenbosch", "western-cape", -33.9321, 18.8602),
    ("george", "George", "western-cape", -33.9630, 22.4617),
    ("durban", "Durban", "kwazulu-natal", -29.8587, 31.0218),
    ("pietermaritzburg", "Pietermaritzburg", "kwazulu-natal", -29.6006, 30.3794),
    ("gqeberha", "Gqeberha", "eastern-cape", -33.9608, 25.6022),
    ("east-london", "East London", "eastern-cape", -33.0292, 27.8546),
    ("bloemfontein", "Bloemfontein", "free-state", -29.0852, 26.1596),
    ("polokwane", "Polokwane", "limpopo", -23.9045, 29.4689),
    ("mbombela", "Mbombela", "mpumalanga", -25.4753, 30.9694),
    ("rustenburg", "Rustenburg", "north-west", -25.6676, 27.2421),
    ("mahikeng", "Mahikeng", "north-west", -25.8560, 25.6403),
    ("kimberley", "Kimberley", "northern-cape", -28.7282, 24.7499),
]

# (slug, name, country, latitude, longitude, time zone)
WORLD_CITIES = [
    ("gaborone", "Gaborone", "Botswana", -24.6282, 25.9231, "Africa/Gaborone"),
    ("harare", "Harare", "Zimbabwe", -17.8252, 31.0335, "Africa/Harare"),
    ("windhoek", "Windhoek", "Namibia", -22.5609, 17.0658, "Africa/Windhoek"),
    ("maputo", "Maputo", "Mozambique", -25.9692, 32.5732, "Africa/Maputo"),
    ("nairobi", "Nairobi", "Kenya", -1.2921, 36.8219, "Africa/Nairobi"),
    ("lagos", "Lagos", "Nigeria", 6.5244, 3.3792, "Africa/Lagos"),
    ("cairo", "Cairo", "Egypt", 30.0444, 31.2357, "Africa/Cairo"),
    ("london", "London", "United Kingdom", 51.5072, -0.1276, "Europe/London"),
    ("paris", "Paris", "France", 48.8566, 2.3522, "Europe/Paris"),
    ("geneva", "Geneva", "Switzerland", 46.2044, 6.1432, "Europe/Zurich"),
    ("dubai", "Dubai", "United Arab Emirates", 25.2048, 55.2708, "Asia/Dubai"),
    ("new-york", "New York", "United States", 40.7128, -74.0060, "America/New_York"),
    ("tokyo", "Tokyo", "Japan", 35.6762, 139.6503, "Asia/Tokyo"),
    ("sydney", "Sydney", "Australia", -33.8688, 151.2093, "Australia/Sydney"),
]


def places_seed(Place) -> int:
    """Create the starting places that are missing; ``Place`` may be a migration's model."""
    created = 0
    regions = {}
    for slug, name, lat, lon in REGIONS:
        regions[slug], new = Place.objects.get_or_create(
            slug=slug,
            defaults=dict(
                name=name, kind="region", country=ZA, latitude=lat, longitude=lon, time_zone=JHB
            ),
        )
        created += new
    for slug, name, region, lat, lon in CITIES:
        _, new = Place.objects.get_or_create(
            slug=slug,
            defaults=dict(
                name=name,
                kind="city",
                region=regions[region],
                country=ZA,
                latitude=lat,
                longitude=lon,
                time_zone=JHB,
            ),
        )
        created += new
    for slug, name, country, lat, lon, zone in WORLD_CITIES:
        _, new = Place.objects.get_or_create(
            slug=slug,
            defaults=dict(
                name=name, kind="city", country=country, latitude=lat, longitude=lon, time_zone=zone
            ),
        )
        created += new
    return created
