"""Build the shipped network layers from the reviewable tables in ``scripts/network/``.

One module per step: :mod:`tables` reads the CSV files, :mod:`places` makes the nodes,
:mod:`rail`, :mod:`roads`, :mod:`air` and :mod:`sea` make the links, :mod:`checks` checks the
build, :mod:`layers` writes the GeoJSON/JSON/CSV files and :mod:`report` prints the summary.
``scripts/build_network.py`` runs them into a temporary directory, validates it with
``corridors`` and only then replaces ``geodata/``.
"""
