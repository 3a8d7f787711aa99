"""frontlines: conflict reports in, geolocated, time-stamped, source-attributed events out."""

__version__ = "0.1.0"
