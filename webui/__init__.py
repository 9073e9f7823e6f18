"""The registratur's review desk: a server-rendered web UI and a JSON API over the cases."""
