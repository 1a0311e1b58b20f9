# This module has no resources: it only checks its inputs.
