"""The service layer: the use cases both entry points (CLI and workbench) call.

The package itself imports nothing: a command that only needs its light modules (``paths``, ``cache``,
``replay``) answers before the engine's model and rules are loaded. Import from the modules:
``audit`` (rulebooks and audits), ``catalogue`` (loading catalogues), ``incremental`` (audits of a
catalogue on disk, with a cache), ``graphs``, ``review``, ``targets`` and the others.
"""
