"""newsgraph.resolve"""
