"""Rules as data: packs and parameters loaded from ``rules/``, compiled to durable-rules, evaluated
one procedure at a time on facts derived from the procedure graph and the catalogue."""
