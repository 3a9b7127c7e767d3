"""The sustainable-reintegration index: definitions as data and a vectorised scorer.

* ``definition`` parses and validates versioned YAML definitions;
* ``engine`` scores answers, one at a time (``score_answers``) or a whole
  table at once (``score_frame``, numpy) with identical results.
"""

from .definition import Definition, DefinitionError, builtin, parse_definition  # noqa: F401
