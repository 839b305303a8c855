# -*- coding: utf-8 -*-
"""Who may write which field of a model: the tables the models enforce in ``write``/``create``.

A table maps each field name to the roles that may write it through the ORM (``write``, or
``create`` where the model lets users create): a tuple of role codes, or ``SYSTEM`` for fields no
user writes (computed, related and run-maintained fields, state fields changed only through the
model's ``action_*`` methods). The product's own code writes those as superuser (``sudo()``) or
with SQL, after checking its own rules. A field missing from a table is treated as ``SYSTEM``, so a
new field is protected until someone decides who may write it.

Role codes: ``'collector'`` (an office or field collector, on the records her record rules let her
write), ``'manager'`` (a collection manager), ``'finance'`` (loan finance). A collection manager is
also a collector (her group implies both collector groups).
"""

SYSTEM = ()
COLLECTOR = 'collector'
MANAGER = 'manager'
FINANCE = 'finance'
ROLES = (COLLECTOR, MANAGER, FINANCE)


def refused_fields(field_names, table, user_roles, free=()):
    """Return, sorted, the fields of ``field_names`` that a user with ``user_roles`` may not write.

    ``table`` is a field -> roles table (see the module docstring); ``free`` names fields left to
    another model's own checks (the mail thread's followers and activities) and the ORM's magic
    fields, never refused here.
    """
    user_roles = set(user_roles)
    return sorted(name for name in field_names
                  if name not in free and not user_roles.intersection(table.get(name, SYSTEM)))
