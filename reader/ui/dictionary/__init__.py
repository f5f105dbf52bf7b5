"""The pop-up dictionary in the window: loader (off the GUI thread), pop-up, controller."""
