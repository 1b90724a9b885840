"""Views of the sharing pages, one module per resource."""
