"""Weather for a place: a provider interface, an Open-Meteo client and an offline provider.

Only the server talks to a provider, and only with a place's coordinates, so nothing
about the reader (address, IP, cookies) ever reaches it.
"""
