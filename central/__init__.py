"""The reference central service: the city's unified system and the former provinces' systems."""
