"""The Django adapter: pages, the JSON API and the offline relief guide."""
