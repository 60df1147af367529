"""Reform plans: measures and the decisions on them, stored with an audit trail; projection, progress
and exports.

Modules: ``model`` (plan, measure, audit entry), ``repository`` (the database), ``projection`` (apply
accepted measures), ``progress`` (before/after and targets), ``impact`` (each measure alone), ``export``
(xlsx, csv, json, md) and ``service`` (the use cases the CLI and workbench call). Import them directly:
the database and Excel libraries are slow to import, and only the commands that need them should pay.
"""
