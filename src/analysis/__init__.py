"""Chinese provincial policy texts on resource-based regions, turned into citable tables."""

__version__ = "0.1.0"
