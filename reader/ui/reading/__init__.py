"""The reader: the text view, its overview strip, find bar and script toggle."""
