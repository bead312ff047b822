"""App-only helpers of the Streamlit app: strings, URL state, cached data, map layers, pages.

Nothing here plans routes or computes costs; that is ``planner``'s and ``corridors``' job.
"""
