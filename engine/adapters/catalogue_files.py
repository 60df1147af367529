"""The files a catalogue folder may hold besides its procedures, by name (no I/O here)."""

DATA_SOURCES_FILE = "data_sources.yaml"  # the catalogue's own data sources, instead of the bundled ones
VOLUMES_FILE = "volumes.yaml"  # annual dossier statistics (engine.services.volumes), not a procedure
