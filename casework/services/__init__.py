"""Every write in casework is a function here, one module per topic.

Keyword-only arguments, the acting user passed in where a person acts, one
transaction per call.
"""
