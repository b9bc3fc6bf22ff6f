# -*- coding: utf-8 -*-
"""A Python 2.7 stand-in for the parts of Plex's Framework.bundle that legacy metadata agents use."""
