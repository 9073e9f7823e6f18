"""Settings, program definitions and the registry of Swedish regions and municipalities."""
