"""Qt-free application layer over the core: the command table and ``pizhu://`` links."""
