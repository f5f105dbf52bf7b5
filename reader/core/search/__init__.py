"""Chinese full-text search: literal recall from a bigram filter, ranking from jieba words.

The Whoosh index is a cache derived from the SQLite library (see :mod:`.index`);
every hit is verified against the folded canonical text, so results never depend
on how jieba happens to segment a sentence.
"""
