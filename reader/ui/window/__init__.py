"""The main window (layout and wiring only), the application object and its start-up."""
