"""The search panel: query worker, result model, delegate and controller."""
