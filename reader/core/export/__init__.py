"""Getting annotations out of (and back into) the library.

:mod:`.markdown` renders notes (pure functions), :mod:`.filenames` makes safe file
names, :mod:`.webanno` is the W3C Web Annotation JSON backup, and :mod:`.service`
gathers the data and writes files.
"""
