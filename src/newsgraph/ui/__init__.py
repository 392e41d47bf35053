"""The analyst's pages: server-rendered HTML over the API's view objects, with local static files."""
