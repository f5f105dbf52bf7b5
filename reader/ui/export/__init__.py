"""The export dialog: presets and user templates, scope, options, a live preview."""
